// Service descriptors read from kkgen's IR (`kkgen ir --json`), for hosts
// that serve a wasm module they have no generated code for (kkrun -nats).

package natsrpc

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"kkgen.dev/kkrpc/service"
)

// irDocument is the part of `kkgen ir --json` a descriptor needs.
type irDocument struct {
	Services []struct {
		Name    string `json:"name"`
		Package string `json:"package"`
		Meta    struct {
			Docs []string `json:"docs"`
		} `json:"meta"`
		Ops []struct {
			Name string `json:"name"`
			ID   uint32 `json:"id"`
		} `json:"ops"`
	} `json:"services"`
}

// DescriptorFromIR returns the descriptor of the service named name (or of
// the only service, when name is "") in the output of `kkgen ir --json`.
func DescriptorFromIR(ir []byte, name string) (*service.Descriptor, error) {
	var doc irDocument
	if err := json.Unmarshal(ir, &doc); err != nil {
		return nil, errors.New("natsrpc: reading the IR: " + err.Error())
	}
	var names []string
	for _, s := range doc.Services {
		names = append(names, s.Name)
		if name != "" && s.Name != name || name == "" && len(doc.Services) != 1 {
			continue
		}
		d := &service.Descriptor{Package: s.Package, Name: s.Name}
		if len(s.Meta.Docs) > 0 {
			d.Doc, _, _ = strings.Cut(s.Meta.Docs[0], "\n")
		}
		for _, op := range s.Ops {
			d.Ops = append(d.Ops, service.OpDescriptor{ID: op.ID, Name: op.Name})
		}
		return d, nil
	}
	if name == "" {
		return nil, errors.New("natsrpc: the IR has " + strconv.Itoa(len(doc.Services)) + " services (" + strings.Join(names, ", ") + "); name one")
	}
	return nil, errors.New("natsrpc: the IR has no service " + quote(name) + " (it has: " + strings.Join(names, ", ") + ")")
}
