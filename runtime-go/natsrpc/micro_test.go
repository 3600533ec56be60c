package natsrpc_test

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
)

// microInfo is the part of io.nats.micro.v1.info_response the tests read.
type microInfo struct {
	Type        string            `json:"type"`
	Name        string            `json:"name"`
	ID          string            `json:"id"`
	Version     string            `json:"version"`
	Description string            `json:"description"`
	Metadata    map[string]string `json:"metadata"`
	Endpoints   []struct {
		Name       string            `json:"name"`
		Subject    string            `json:"subject"`
		QueueGroup string            `json:"queue_group"`
		Metadata   map[string]string `json:"metadata"`
	} `json:"endpoints"`
}

// microStats is the part of io.nats.micro.v1.stats_response the tests read.
type microStats struct {
	Type      string `json:"type"`
	Name      string `json:"name"`
	ID        string `json:"id"`
	Endpoints []struct {
		Name                  string `json:"name"`
		Subject               string `json:"subject"`
		NumRequests           int    `json:"num_requests"`
		NumErrors             int    `json:"num_errors"`
		LastError             string `json:"last_error"`
		ProcessingTime        int64  `json:"processing_time"`
		AverageProcessingTime int64  `json:"average_processing_time"`
	} `json:"endpoints"`
}

// exerciseForStats makes two pings and one typed error on validate_order.
func exerciseForStats(t *testing.T, nc *nats.Conn) {
	r := rulesClient(t, nc, natsrpc.TransportOptions{})
	for range 2 {
		if err := r.Ping(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.ValidateOrder(rulesv1.Order{Id: "A-2"}); err == nil {
		t.Fatal("want InvalidOrder")
	}
}

// checkInfo checks an info response against the rules service's descriptor.
func checkInfo(t *testing.T, info microInfo, id, queue string) {
	t.Helper()
	if info.Type != "io.nats.micro.v1.info_response" || info.Name != "Rules" || info.ID != id || info.Version != "1.0.0" ||
		info.Description != rulesDescriptor.Doc || info.Metadata["kk.package"] != "rules.v1" || info.Metadata["kk.wire"] != "1" {
		t.Fatalf("info %+v", info)
	}
	if len(info.Endpoints) != len(rulesDescriptor.Ops) {
		t.Fatalf("%d endpoints, want %d", len(info.Endpoints), len(rulesDescriptor.Ops))
	}
	for i, op := range rulesDescriptor.Ops {
		e := info.Endpoints[i]
		if e.Name != op.Name || e.Subject != "rules.v1.Rules."+op.Name || e.QueueGroup != queue || e.Metadata["kk.op_id"] != strconv.FormatUint(uint64(op.ID), 10) {
			t.Fatalf("endpoint %d: %+v", i, e)
		}
	}
}

// checkStats checks the counts exerciseForStats leaves.
func checkStats(t *testing.T, stats microStats, id string) {
	t.Helper()
	if stats.Type != "io.nats.micro.v1.stats_response" || stats.Name != "Rules" || stats.ID != id {
		t.Fatalf("stats %+v", stats)
	}
	for _, e := range stats.Endpoints {
		switch e.Name {
		case "ping":
			if e.NumRequests != 2 || e.NumErrors != 0 || e.ProcessingTime <= 0 || e.AverageProcessingTime <= 0 {
				t.Fatalf("ping stats %+v", e)
			}
		case "validate_order":
			if e.NumRequests != 1 || e.NumErrors != 1 || e.LastError == "" {
				t.Fatalf("validate_order stats %+v", e)
			}
		}
	}
}

// $SRV.PING, $SRV.INFO and $SRV.STATS answer in all three subject forms
// with the standard JSON: name, id, version, metadata, one endpoint per op
// with its subject, queue group and op id, request and error counts.
func TestMicroDiscoverySubjects(t *testing.T) {
	srv := natstest.Start(t, "")
	svc := serveRules(t, srv.Connect(t), natsrpc.Options{})
	nc := srv.Connect(t)
	exerciseForStats(t, nc)
	id := svc.Info().ID
	for _, suffix := range []string{"", ".Rules", ".Rules." + id} {
		var ping struct{ Type, Name, ID, Version string }
		request(t, nc, "$SRV.PING"+suffix, &ping)
		if ping.Type != "io.nats.micro.v1.ping_response" || ping.Name != "Rules" || ping.ID != id || ping.Version != "1.0.0" {
			t.Fatalf("$SRV.PING%s: %+v", suffix, ping)
		}
		var info microInfo
		request(t, nc, "$SRV.INFO"+suffix, &info)
		checkInfo(t, info, id, "q")
		var stats microStats
		request(t, nc, "$SRV.STATS"+suffix, &stats)
		checkStats(t, stats, id)
	}
	// The queue group is configurable, and can be turned off.
	custom := serveRules(t, srv.Connect(t), natsrpc.Options{QueueGroup: "rules-workers"})
	var info microInfo
	request(t, nc, "$SRV.INFO.Rules."+custom.Info().ID, &info)
	checkInfo(t, info, custom.Info().ID, "rules-workers")
	none := serveRules(t, srv.Connect(t), natsrpc.Options{NoQueueGroup: true})
	request(t, nc, "$SRV.INFO.Rules."+none.Info().ID, &info)
	checkInfo(t, info, none.Info().ID, "")
}

// request makes a request and decodes its JSON reply into v.
func request(t *testing.T, nc *nats.Conn, subject string, v any) {
	t.Helper()
	msg, err := nc.Request(subject, nil, 5*time.Second)
	if err != nil {
		t.Fatalf("%s: %v", subject, err)
	}
	if err := json.Unmarshal(msg.Data, v); err != nil {
		t.Fatalf("%s: %v in %s", subject, err, msg.Data)
	}
}

// The real nats CLI (natscli v0.5.0) lists the service, shows its endpoints
// and counts its requests and errors.
func TestNatsCLIMicro(t *testing.T) {
	cli := natstest.Binary(t, "nats_cli", "nats")
	srv := natstest.Start(t, "")
	svc := serveRules(t, srv.Connect(t), natsrpc.Options{})
	exerciseForStats(t, srv.Connect(t))
	id := svc.Info().ID
	nats := func(args ...string) []byte {
		cmd := exec.Command(cli, append([]string{"--server", srv.URL, "--timeout", "5s"}, args...)...)
		cmd.Env = append(cmd.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("nats %v: %v\n%s", args, err, out)
		}
		return out
	}
	var list []struct{ Name, ID, Version string }
	decode(t, nats("micro", "ls", "--json"), &list)
	if len(list) != 1 || list[0].Name != "Rules" || list[0].ID != id || list[0].Version != "1.0.0" {
		t.Fatalf("nats micro ls: %+v", list)
	}
	var info struct {
		Info  microInfo  `json:"info"`
		Stats microStats `json:"stats"`
	}
	decode(t, nats("micro", "info", "Rules", id, "--json"), &info)
	checkInfo(t, info.Info, id, "q")
	checkStats(t, info.Stats, id)
	var stats []microStats
	decode(t, nats("micro", "stats", "Rules", "--json"), &stats)
	if len(stats) != 1 {
		t.Fatalf("nats micro stats: %+v", stats)
	}
	checkStats(t, stats[0], id)
}

// decode unmarshals the CLI's JSON output.
func decode(t *testing.T, out []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
}
