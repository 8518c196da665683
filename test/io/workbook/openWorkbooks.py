"""Opens workbooks with openpyxl and prints, as JSON, what a person would see in each sheet."""
import json
import sys
import warnings

import openpyxl

out = {}
for path in sys.argv[1:]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        sheets[ws.title] = {
            "header": [c.value for c in ws[1]],
            "freeze": ws.freeze_panes,
            "lists": sorted(
                [str(dv.sqref).split(":")[0].rstrip("0123456789"), dv.formula1]
                for dv in ws.data_validations.dataValidation
                if dv.type == "list"
            ),
            "notes": sum(1 for c in ws[1] if c.comment is not None and c.comment.text),
            "rows": [[c.value for c in row] for row in ws.iter_rows(min_row=2)],
        }
    out[path] = {"sheets": sheets, "warnings": [str(w.message) for w in caught]}
print(json.dumps(out, ensure_ascii=False, default=str))
