"""Writes an XLSForm with openpyxl, as a Python user would: sheets as JSON on stdin, the path as argument."""
import json
import sys

import openpyxl

sheets = json.load(sys.stdin)
wb = openpyxl.Workbook()
wb.remove(wb.active)
for name, rows in sheets.items():
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append([None if cell == "" else cell for cell in row])
wb.save(sys.argv[1])
