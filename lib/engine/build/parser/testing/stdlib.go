// A Go standard-library oracle for the Dockerfile parser tests: filepath.Clean, filepath.Match syntax errors,
// time.ParseDuration and strconv.Quote, the Go functions BuildKit and patternmatcher rely on.
// Reads JSON requests {"op": ..., "s": ...} one per line, writes {"out": ...} or {"err": ...}.
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

type req struct {
	Op string `json:"op"`
	S  string `json:"s"`
}

type resp struct {
	Out string `json:"out"`
	Err string `json:"err,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r req
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			panic(err)
		}
		var res resp
		switch r.Op {
		case "clean":
			res.Out = filepath.Clean(r.S)
		case "match":
			if _, err := filepath.Match(r.S, "."); err != nil {
				res.Err = err.Error()
			}
		case "duration":
			d, err := time.ParseDuration(r.S)
			if err != nil {
				res.Err = err.Error()
			} else {
				res.Out = strconv.FormatInt(int64(d), 10)
			}
		case "quote":
			res.Out = strconv.Quote(r.S)
		case "jsonarray":
			// How BuildKit's parseJSON reads an exec-form argument: one JSON value from a Decoder (trailing text
			// ignored), every element a string. out: the strings as JSON; err: "invalid" or "notstring".
			rest := strings.TrimLeftFunc(r.S, unicode.IsSpace)
			var v []interface{}
			if !strings.HasPrefix(rest, "[") {
				res.Err = "invalid"
			} else if err := json.NewDecoder(strings.NewReader(rest)).Decode(&v); err != nil {
				res.Err = "invalid"
			} else {
				strs := []string{}
				for _, e := range v {
					s, ok := e.(string)
					if !ok {
						res.Err = "notstring"
						break
					}
					strs = append(strs, s)
				}
				if res.Err == "" {
					b, _ := json.Marshal(strs)
					res.Out = string(b)
				}
			}
		}
		enc.Encode(res)
	}
}
