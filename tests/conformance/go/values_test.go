// The JSON value mapping of docs/wire.md §6, for tests only (reflection and
// encoding/json are fine here, never in generated code): builds generated Go
// values from vector JSON and compares decoded values with them.

package conformance

import (
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	gen "kkgen.dev/kkrpc/conformance/gen"
)

// enumFromName maps enum types to their generated FromName functions.
var enumFromName = map[reflect.Type]func(string) (uint64, bool){
	reflect.TypeOf(gen.Color(0)): func(s string) (uint64, bool) {
		c, ok := gen.ColorFromName(s)
		return uint64(c), ok
	},
}

// unionVariants maps union interfaces to their variant struct types by schema name.
var unionVariants = map[reflect.Type]map[string]reflect.Type{
	reflect.TypeOf((*gen.Shape)(nil)).Elem(): {
		"Circle": reflect.TypeOf(gen.ShapeCircle{}),
		"Square": reflect.TypeOf(gen.ShapeSquare{}),
		"Empty":  reflect.TypeOf(gen.ShapeEmpty{}),
		"Path":   reflect.TypeOf(gen.ShapePath{}),
	},
}

// goFieldFor finds the Go field of struct type t for a schema field name
// (PascalCase without underscores, compared case-insensitively).
func goFieldFor(t reflect.Type, schemaName string) (reflect.StructField, bool) {
	want := strings.ReplaceAll(schemaName, "_", "")
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if strings.EqualFold(strings.TrimSuffix(f.Name, "_"), want) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// fromJSON sets v (settable) from the vector JSON j.
func fromJSON(v reflect.Value, j any) error {
	t := v.Type()
	if parse, ok := enumFromName[t]; ok {
		name, _ := j.(string)
		x, ok := parse(name)
		if !ok {
			return fmt.Errorf("%v: no variant %v", t, j)
		}
		v.SetUint(x)
		return nil
	}
	if variants, ok := unionVariants[t]; ok {
		obj, ok := j.(map[string]any)
		if !ok || len(obj) != 1 {
			return fmt.Errorf("union %v: want one key, got %v", t, j)
		}
		for name, payload := range obj {
			vt, ok := variants[name]
			if !ok {
				return fmt.Errorf("union %v: no variant %s", t, name)
			}
			p := reflect.New(vt)
			if vt.NumField() == 1 {
				if err := fromJSON(p.Elem().Field(0), payload); err != nil {
					return err
				}
			}
			v.Set(p)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		b, ok := j.(bool)
		if !ok {
			return fmt.Errorf("want bool, got %v", j)
		}
		v.SetBool(b)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := jsonInt(j, t.Kind() == reflect.Int64)
		if err != nil {
			return err
		}
		v.SetInt(n)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if s, ok := j.(string); ok {
			n, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return err
			}
			v.SetUint(n)
			return nil
		}
		f, ok := j.(float64)
		if !ok {
			return fmt.Errorf("want number, got %v", j)
		}
		v.SetUint(uint64(f))
	case reflect.Float32, reflect.Float64:
		f, ok := j.(float64)
		if !ok {
			return fmt.Errorf("want number, got %v", j)
		}
		v.SetFloat(f)
	case reflect.String:
		s, ok := j.(string)
		if !ok {
			return fmt.Errorf("want string, got %v", j)
		}
		v.SetString(s)
	case reflect.Slice:
		if s, ok := j.(string); ok && t.Elem().Kind() == reflect.Uint8 {
			b, err := hex.DecodeString(s)
			if err != nil {
				return err
			}
			v.SetBytes(b)
			return nil
		}
		arr, ok := j.([]any)
		if !ok {
			return fmt.Errorf("want array, got %v", j)
		}
		s := reflect.MakeSlice(t, len(arr), len(arr))
		for i, e := range arr {
			if err := fromJSON(s.Index(i), e); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		obj, ok := j.(map[string]any)
		if !ok {
			return fmt.Errorf("want object, got %v", j)
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for ks, e := range obj {
			k := reflect.New(t.Key()).Elem()
			if t.Key().Kind() == reflect.String {
				k.SetString(ks)
			} else if err := fromJSON(k, ks); err != nil {
				return err
			}
			val := reflect.New(t.Elem()).Elem()
			if err := fromJSON(val, e); err != nil {
				return err
			}
			m.SetMapIndex(k, val)
		}
		v.Set(m)
	case reflect.Pointer:
		if j == nil {
			v.SetZero()
			return nil
		}
		p := reflect.New(t.Elem())
		if err := fromJSON(p.Elem(), j); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		obj, ok := j.(map[string]any)
		if !ok {
			return fmt.Errorf("%v: want object, got %v", t, j)
		}
		if len(obj) != t.NumField() {
			return fmt.Errorf("%v: %d fields in JSON, %d in Go", t, len(obj), t.NumField())
		}
		for name, e := range obj {
			f, ok := goFieldFor(t, name)
			if !ok {
				return fmt.Errorf("%v: no field for %q", t, name)
			}
			if err := fromJSON(v.FieldByIndex(f.Index), e); err != nil {
				return fmt.Errorf("%v.%s: %w", t, f.Name, err)
			}
		}
	default:
		return fmt.Errorf("unsupported Go kind %v", t.Kind())
	}
	return nil
}

// jsonInt reads a signed integer: a decimal string for 64-bit, else a number.
func jsonInt(j any, wide bool) (int64, error) {
	if s, ok := j.(string); ok {
		return strconv.ParseInt(s, 10, 64)
	}
	f, ok := j.(float64)
	if !ok || wide {
		return 0, fmt.Errorf("want integer, got %v", j)
	}
	return int64(f), nil
}

// equalValues compares generated values: floats bit for bit, nil and empty
// slices and maps alike. It returns a path to the first difference, or "".
func equalValues(a, b reflect.Value, path string) string {
	if a.Type() != b.Type() {
		return path + ": types " + a.Type().String() + " vs " + b.Type().String()
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) && a.Float() != b.Float() {
			return fmt.Sprintf("%s: %v vs %v", path, a.Float(), b.Float())
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: len %d vs %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := equalValues(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: len %d vs %d", path, a.Len(), b.Len())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s: key %v missing", path, k)
			}
			if d := equalValues(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", path, k)); d != "" {
				return d
			}
		}
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": nil vs non-nil"
			}
			return ""
		}
		return equalValues(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := equalValues(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return fmt.Sprintf("%s: %v vs %v", path, a.Interface(), b.Interface())
		}
	}
	return ""
}
