// Go oracle for layerlab's differential tests: reads one JSON request per line on stdin and answers one JSON
// line per request, using the Go standard library that Docker itself uses (archive/tar, encoding/json,
// text/template, text/tabwriter, fmt, time).
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"text/template"
	"time"
)

type tarEntry struct {
	Name     string            `json:"name"`
	Typeflag string            `json:"typeflag"`
	Mode     int64             `json:"mode"`
	Uid      int               `json:"uid"`
	Gid      int               `json:"gid"`
	Uname    string            `json:"uname"`
	Gname    string            `json:"gname"`
	Sec      int64             `json:"sec"`
	Nsec     int64             `json:"nsec"`
	Linkname string            `json:"linkname"`
	Devmajor int64             `json:"devmajor"`
	Devminor int64             `json:"devminor"`
	Content  []byte            `json:"content"`
	Pax      map[string]string `json:"pax"`
}

type request struct {
	Op      string          `json:"op"`
	Entries []tarEntry      `json:"entries"`
	Value   json.RawMessage `json:"value"`
	Indent  bool            `json:"indent"`
	Text    string          `json:"text"`
	Data    json.RawMessage `json:"data"`
	X       float64         `json:"x"`
	Prec    int             `json:"prec"`
	Format  string          `json:"format"`
	Nanos   int64           `json:"nanos"`
	Archive []byte          `json:"archive"`
}

type readEntry struct {
	Name     string            `json:"name"`
	Typeflag string            `json:"typeflag"`
	Size     int64             `json:"size"`
	Linkname string            `json:"linkname"`
	Mode     int64             `json:"mode"`
	Uid      int               `json:"uid"`
	Gid      int               `json:"gid"`
	Uname    string            `json:"uname"`
	Gname    string            `json:"gname"`
	Mtime    int64             `json:"mtime"`
	Data     []byte            `json:"data"`
	Pax      map[string]string `json:"pax"`
}

type response struct {
	Entries []readEntry `json:"entries,omitempty"`
	Out     string      `json:"out,omitempty"`
	Bytes   []byte      `json:"bytes,omitempty"`
	Err     string      `json:"err,omitempty"`
}

var dockerFuncs = template.FuncMap{
	"json": func(v interface{}) string {
		buf := &bytes.Buffer{}
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		return strings.TrimSpace(buf.String())
	},
	"split": strings.Split,
	"join":  strings.Join,
	"title": strings.Title,
	"lower": strings.ToLower,
	"upper": strings.ToUpper,
	"pad": func(source string, prefix, suffix int) string {
		if source == "" {
			return source
		}
		return strings.Repeat(" ", prefix) + source + strings.Repeat(" ", suffix)
	},
	"truncate": func(source string, length int) string {
		if len(source) < length {
			return source
		}
		return source[:length]
	},
}

func handle(r request) (resp response) {
	defer func() {
		if p := recover(); p != nil {
			resp = response{Err: fmt.Sprint("panic: ", p)}
		}
	}()
	switch r.Op {
	case "tar":
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		for _, e := range r.Entries {
			h := &tar.Header{
				Name: e.Name, Typeflag: e.Typeflag[0], Mode: e.Mode, Uid: e.Uid, Gid: e.Gid, Uname: e.Uname, Gname: e.Gname,
				ModTime: time.Unix(e.Sec, e.Nsec), Linkname: e.Linkname, Devmajor: e.Devmajor, Devminor: e.Devminor,
				Size: int64(len(e.Content)), Format: tar.FormatPAX, PAXRecords: e.Pax,
			}
			if err := tw.WriteHeader(h); err != nil {
				return response{Err: err.Error()}
			}
			if len(e.Content) > 0 {
				if _, err := tw.Write(e.Content); err != nil {
					return response{Err: err.Error()}
				}
			}
		}
		if err := tw.Close(); err != nil {
			return response{Err: err.Error()}
		}
		return response{Bytes: buf.Bytes()}
	case "tarread":
		tr := tar.NewReader(bytes.NewReader(r.Archive))
		var entries []readEntry
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return response{Entries: entries, Out: "ok"}
			}
			if err != nil {
				return response{Entries: entries, Err: err.Error()}
			}
			data, err := io.ReadAll(tr)
			e := readEntry{Name: h.Name, Typeflag: string([]byte{h.Typeflag}), Size: h.Size, Linkname: h.Linkname, Mode: h.Mode, Uid: h.Uid, Gid: h.Gid,
				Uname: h.Uname, Gname: h.Gname, Mtime: h.ModTime.Unix(), Data: data, Pax: h.PAXRecords}
			entries = append(entries, e)
			if err != nil {
				return response{Entries: entries, Err: err.Error()}
			}
		}
	case "json":
		var v interface{}
		if err := json.Unmarshal(r.Value, &v); err != nil {
			return response{Err: err.Error()}
		}
		var b []byte
		var err error
		if r.Indent {
			b, err = json.MarshalIndent(v, "", "    ")
		} else {
			b, err = json.Marshal(v)
		}
		if err != nil {
			return response{Err: err.Error()}
		}
		return response{Out: string(b)}
	case "jsonparse":
		var v interface{}
		if err := json.Unmarshal([]byte(r.Text), &v); err != nil {
			return response{Err: err.Error()}
		}
		return response{Out: "ok"}
	case "sprintf":
		return response{Out: fmt.Sprintf(r.Format, r.X)}
	case "g":
		return response{Out: fmt.Sprintf("%.*g", r.Prec, r.X)}
	case "template":
		t, err := template.New("").Funcs(dockerFuncs).Parse(r.Text)
		if err != nil {
			return response{Err: err.Error()}
		}
		var data interface{}
		if len(r.Data) > 0 {
			if err := json.Unmarshal(r.Data, &data); err != nil {
				return response{Err: err.Error()}
			}
		}
		var out bytes.Buffer
		if err := t.Execute(&out, data); err != nil {
			return response{Err: err.Error()}
		}
		return response{Out: out.String()}
	case "tabwriter":
		var out bytes.Buffer
		w := tabwriter.NewWriter(&out, 10, 1, 3, ' ', 0)
		_, _ = w.Write([]byte(r.Text))
		_ = w.Flush()
		return response{Out: out.String()}
	case "time":
		return response{Out: time.Unix(0, r.Nanos).UTC().Format(time.RFC3339Nano)}
	}
	return response{Err: "unknown op " + r.Op}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			_ = out.Encode(response{Err: "bad request: " + err.Error()})
			continue
		}
		_ = out.Encode(handle(r))
	}
}
