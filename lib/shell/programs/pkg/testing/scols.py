# Tables as microdnf prints them, drawn by the real libsmartcols (ctypes): the oracle of dnfFormat.test.ts.
# argv[1]: JSON {"columns": [[header, width hint, flags]...], "rows": [[cell...] | {"cells": [...], "children": [[...]...]}]}
#   flags: 1 TRUNC, 2 TREE, 4 RIGHT (libsmartcols' SCOLS_FL_*). A tree column gets microdnf's one-space symbols.
# argv[2] (optional): draw as on a terminal this many columns wide (SCOLS_TERMFORCE_ALWAYS). Max-out is always on.
import ctypes, sys, json
L = ctypes.CDLL('libsmartcols.so.1')
L.scols_new_table.restype = ctypes.c_void_p
L.scols_table_new_column.restype = ctypes.c_void_p
L.scols_table_new_column.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_double, ctypes.c_int]
L.scols_table_new_line.restype = ctypes.c_void_p
L.scols_table_new_line.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
L.scols_line_set_data.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
L.scols_new_symbols.restype = ctypes.c_void_p
for f in ['scols_symbols_set_branch', 'scols_symbols_set_right', 'scols_symbols_set_vertical']:
    getattr(L, f).argtypes = [ctypes.c_void_p, ctypes.c_char_p]
L.scols_table_set_symbols.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
L.scols_table_enable_maxout.argtypes = [ctypes.c_void_p, ctypes.c_int]
L.scols_table_set_termwidth.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
L.scols_table_set_termforce.argtypes = [ctypes.c_void_p, ctypes.c_int]
L.scols_print_table.argtypes = [ctypes.c_void_p]

spec = json.loads(sys.argv[1])
tb = L.scols_new_table()
tree = False
for header, hint, flags in spec['columns']:
    L.scols_table_new_column(tb, header.encode(), hint, flags)
    tree = tree or bool(flags & 2)
L.scols_table_enable_maxout(tb, 1)
if tree:
    sb = L.scols_new_symbols()
    L.scols_symbols_set_branch(sb, b' '); L.scols_symbols_set_right(sb, b' '); L.scols_symbols_set_vertical(sb, b' ')
    L.scols_table_set_symbols(tb, sb)
if len(sys.argv) > 2:
    L.scols_table_set_termforce(tb, 2); L.scols_table_set_termwidth(tb, int(sys.argv[2]))


def add(row, parent):
    cells = row['cells'] if isinstance(row, dict) else row
    ln = L.scols_table_new_line(tb, parent)
    for i, c in enumerate(cells):
        if c != '':
            L.scols_line_set_data(ln, i, c.encode())
    for child in (row.get('children', []) if isinstance(row, dict) else []):
        add(child, ln)


for row in spec['rows']:
    add(row, None)
sys.stdout.flush()
L.scols_print_table(tb)
