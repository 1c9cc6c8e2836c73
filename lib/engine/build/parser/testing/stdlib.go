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
	"time"
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
		}
		enc.Encode(res)
	}
}
