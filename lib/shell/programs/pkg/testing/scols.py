# The transaction table as microdnf prints it, drawn by the real libsmartcols (ctypes): the oracle of dnfFormat.test.ts.
# argv[1]: JSON [[section title, [[nevra, repo, size], ...]], ...]; microdnf's columns, flags and symbols (dnf-utils.c).
import ctypes, sys, json
L = ctypes.CDLL('libsmartcols.so.1')
L.scols_new_table.restype = ctypes.c_void_p
L.scols_table_new_column.restype = ctypes.c_void_p
L.scols_table_new_column.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_double, ctypes.c_int]
L.scols_table_new_line.restype = ctypes.c_void_p
L.scols_table_new_line.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
L.scols_line_set_data.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
L.scols_new_symbols.restype = ctypes.c_void_p
for f in ['scols_symbols_set_branch','scols_symbols_set_right','scols_symbols_set_vertical']:
    getattr(L,f).argtypes=[ctypes.c_void_p, ctypes.c_char_p]
L.scols_table_set_symbols.argtypes=[ctypes.c_void_p, ctypes.c_void_p]
L.scols_table_enable_maxout.argtypes=[ctypes.c_void_p, ctypes.c_int]
L.scols_table_set_termwidth.argtypes=[ctypes.c_void_p, ctypes.c_size_t]
L.scols_table_set_termforce.argtypes=[ctypes.c_void_p, ctypes.c_int]
L.scols_print_table.argtypes=[ctypes.c_void_p]
spec = json.loads(sys.argv[1])  # [[section, [[nevra, repo, size],...]], ...]
tb = L.scols_new_table()
L.scols_table_new_column(tb, b"Package", 0.7, 1<<1)
L.scols_table_new_column(tb, b"Repository", 0.2, 1<<0)
L.scols_table_new_column(tb, b"Size", 0.1, 1<<2)
L.scols_table_enable_maxout(tb, 1)
sb = L.scols_new_symbols()
L.scols_symbols_set_branch(sb, b" "); L.scols_symbols_set_right(sb, b" "); L.scols_symbols_set_vertical(sb, b" ")
L.scols_table_set_symbols(tb, sb)
if len(sys.argv) > 2:
    # argv[2]: draw as on a terminal this wide (SCOLS_TERMFORCE_ALWAYS).
    L.scols_table_set_termforce(tb, 2); L.scols_table_set_termwidth(tb, int(sys.argv[2]))
for title, rows in spec:
    ln = L.scols_table_new_line(tb, None)
    L.scols_line_set_data(ln, 0, title.encode())
    for n, r, s in rows:
        l2 = L.scols_table_new_line(tb, ln)
        L.scols_line_set_data(l2, 0, n.encode()); L.scols_line_set_data(l2, 1, r.encode()); L.scols_line_set_data(l2, 2, s.encode())
sys.stdout.flush()
L.scols_print_table(tb)
