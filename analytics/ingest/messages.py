"""Catalogue of import messages: code -> Vietnamese and English templates.

The only prose in ``analytics``: the command line prints it and the Import page reuses it.
Templates use ``str.format`` fields from the problem's ``params``.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # --- safety and reading
    "file_empty": {"vi": "tệp rỗng", "en": "the file is empty"},
    "file_missing": {"vi": "không tìm thấy tệp", "en": "file not found"},
    "file_not_readable": {"vi": "không đọc được tệp ({reason})", "en": "cannot read the file ({reason})"},
    "file_too_large": {
        "vi": "tệp quá lớn ({size_mb} MB, tối đa {max_mb} MB)",
        "en": "file too large ({size_mb} MB, at most {max_mb} MB)",
    },
    "file_type_refused": {
        "vi": "không phải tệp Excel hay CSV (nội dung là {detected}); không đọc",
        "en": "not an Excel or CSV file (content is {detected}); not read",
    },
    "zip_invalid": {
        "vi": "tệp .xlsx hỏng: không phải tệp zip hợp lệ ({detail})",
        "en": "broken .xlsx: not a valid zip ({detail})",
    },
    "zip_not_xlsx": {
        "vi": "tệp zip không phải bảng tính Excel (thiếu [Content_Types].xml)",
        "en": "a zip that is not an Excel workbook (no [Content_Types].xml)",
    },
    "zip_bomb": {
        "vi": "tệp nén bất thường, nghi là bom zip ({detail}); không đọc",
        "en": "abnormal compression, suspected zip bomb ({detail}); not read",
    },
    "xml_entities": {
        "vi": "tệp chứa khai báo DOCTYPE/ENTITY trong {part} (nguy cơ bom XML); không đọc",
        "en": "the file declares DOCTYPE/ENTITY in {part} (XML bomb risk); not read",
    },
    "parse_failed": {"vi": "không đọc được tệp: {detail}", "en": "could not read the file: {detail}"},
    "parse_timeout": {"vi": "đọc tệp quá {seconds} giây; đã dừng", "en": "reading took over {seconds} s; stopped"},
    "parse_crashed": {
        "vi": "bộ đọc bị dừng đột ngột (tệp có thể bị hỏng hoặc quá lớn, mã {exitcode})",
        "en": "the reader stopped abruptly (broken or too large file, code {exitcode})",
    },
    "csv_encoding": {"vi": "tệp CSV đọc theo bảng mã {encoding}", "en": "CSV read as {encoding}"},
    # --- hostile and odd files (issue 12): the place (file, sheet, row, column) is the problem's own
    "file_unreadable": {
        "vi": "tệp hỏng hoặc không đúng định dạng {format}, không đọc được; hãy mở bằng Excel, lưu lại "
        "dạng .xlsx rồi gửi lại",
        "en": "the file is broken or not a valid {format} file and cannot be read; open it in Excel, "
        "save it as .xlsx and send it again",
    },
    "sheet_unreadable": {"vi": "trang tính bị hỏng, không đọc được", "en": "the sheet is broken and cannot be read"},
    "parse_memory": {
        "vi": "đọc tệp cần hơn {mb} MB bộ nhớ; đã dừng (hãy chia tệp nhỏ hơn)",
        "en": "reading the file needs more than {mb} MB of memory; stopped (split the file)",
    },
    "sheet_too_wide": {
        "vi": "trang tính có {columns} cột, tối đa {max} cột",
        "en": "the sheet has {columns} columns, at most {max}",
    },
    "sheet_too_long": {
        "vi": "trang tính có {rows} dòng, tối đa {max} dòng",
        "en": "the sheet has {rows} rows, at most {max}",
    },
    "too_many_cells": {
        "vi": "{rows} dòng × {columns} cột vượt quá {max} ô cho một tệp; hãy bỏ các cột, dòng trống hoặc chia tệp",
        "en": "{rows} rows × {columns} columns exceed {max} cells for one file; "
        "remove empty columns or rows, or split the file",
    },
    "cell_too_long": {
        "vi": "ô dài {length} ký tự, tối đa {max} ký tự",
        "en": "the cell holds {length} characters, at most {max}",
    },
    "csv_too_many_rows": {
        "vi": "tệp CSV có {rows} dòng, tối đa {max} dòng",
        "en": "the CSV file has {rows} lines, at most {max}",
    },
    "csv_too_wide": {
        "vi": "dòng có {columns} cột, tối đa {max} cột",
        "en": "the line has {columns} columns, at most {max}",
    },
    "csv_nul": {
        "vi": "tệp CSV chứa ký tự NUL (mã 0): tệp nhị phân hoặc bị hỏng; không đọc",
        "en": "the CSV file contains a NUL character (code 0): binary or broken; not read",
    },
    "csv_malformed": {
        "vi": "tệp CSV sai cấu trúc (dấu ngoặc kép không đóng?); không đọc",
        "en": "malformed CSV (an unclosed quote?); not read",
    },
    "csv_bad_encoding": {
        "vi": "tệp CSV có byte không hợp lệ trong bảng mã {encoding}; hãy lưu lại dạng CSV UTF-8",
        "en": "the CSV file has bytes that are not valid {encoding}; save it again as CSV UTF-8",
    },
    "csv_legacy_font": {
        "vi": "tệp CSV dùng bảng mã cũ {font} (font .VnTime / VNI-Times), không phải Unicode; hãy chuyển "
        "mã sang Unicode (ví dụ bằng Unikey) rồi lưu lại dạng CSV UTF-8",
        "en": "the CSV file uses the legacy {font} encoding (.VnTime / VNI-Times fonts), not Unicode; "
        "convert it to Unicode (e.g. with Unikey) and save it as CSV UTF-8",
    },
    "csv_utf16_no_bom": {
        "vi": "tệp CSV dạng UTF-16 không có dấu BOM; hãy lưu lại dạng CSV UTF-8",
        "en": "a UTF-16 CSV file without a byte order mark; save it again as CSV UTF-8",
    },
    "file_encrypted": {
        "vi": "tệp được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu trong Excel rồi gửi lại",
        "en": "the file is password-protected (encrypted); remove the password in Excel and send it again",
    },
    "zip_duplicate_entry": {
        "vi": "phần {part} có hai lần trong tệp .xlsx (tệp bị làm giả hoặc hỏng); không đọc",
        "en": "the part {part} appears twice in the .xlsx (forged or broken file); not read",
    },
    "zip_bad_entry": {
        "vi": 'tệp .xlsx chứa phần có đường dẫn bất thường "{part}" (ra ngoài tệp nén); không đọc',
        "en": 'the .xlsx holds a part with an abnormal path "{part}" (outside the archive); not read',
    },
    "macros_ignored": {
        "vi": "tệp có macro (VBA); macro không được chạy, chỉ đọc số liệu",
        "en": "the file has macros (VBA); they are not run, only the values are read",
    },
    "number_too_large": {
        "vi": "số quá lớn cho cột này (cho phép {low} – {high})",
        "en": "number too large for this column (allowed {low} – {high})",
    },
    "date_out_of_range": {"vi": "ngày ngoài khoảng {low} – {high}", "en": "date outside {low} – {high}"},
    "file_duplicate": {"vi": "tệp đã được nhập ở lô số {batch_id}", "en": "file already imported in batch {batch_id}"},
    "file_duplicate_upload": {
        "vi": "tệp trùng nội dung với tệp {other} trong cùng lần nhập",
        "en": "same content as file {other} in this upload",
    },
    # --- recognition
    "sheet_not_recognised": {
        "vi": "không nhận ra loại dữ liệu của trang tính (bỏ qua)",
        "en": "sheet kind not recognised (skipped)",
    },
    "file_not_recognised": {
        "vi": "không nhận ra dữ liệu nào trong tệp (cần tiêu đề cột như {hint})",
        "en": "no data recognised in the file (expected headers such as {hint})",
    },
    "sheet_reduction_summary": {
        "vi": "đây là báo cáo tổng hợp số người tinh giản theo đơn vị; không nạp được số liệu tổng hợp. Cần danh sách "
        "từng trường hợp (họ tên, đối tượng, hình thức tinh giản, số và ngày quyết định) theo mẫu «Trường hợp tinh giản»",
        "en": "this is a summary of how many people each unit cut; summary counts cannot be loaded. Send the list of "
        "cases (name, category, route, decision number and date) in the «Reduction cases» template",
    },
    "sheet_ambiguous": {
        "vi": "không chắc trang tính là {kind_a} (cột {columns_a}) hay {kind_b} (cột {columns_b}): chọn loại dữ liệu ở "
        "phần «Ghép cột» trên trang Nhập dữ liệu",
        "en": "unsure whether the sheet holds {kind_a} (columns {columns_a}) or {kind_b} (columns {columns_b}): pick the "
        "kind under «Map columns» on the Import page",
    },
    "nothing_to_import": {"vi": "không có dòng dữ liệu nào để nhập", "en": "no data rows to import"},
    "submission_other_kind": {
        "vi": "tệp có {found}, nhưng kỳ báo cáo này đơn vị gửi {asked}: gửi mỗi loại số liệu một tệp",
        "en": "the file holds {found} but this report asks for {asked}: send one file per kind",
    },
    "submission_other_unit": {
        "vi": "dòng này thuộc đơn vị {other}, không phải đơn vị gửi báo cáo ({unit}) hay đơn vị trực thuộc",
        "en": "this row belongs to unit {other}, not the reporting unit ({unit}) or a unit under it",
    },
    "sheet_hidden": {"vi": "trang tính ẩn, bỏ qua", "en": "hidden sheet, skipped"},
    "missing_column": {
        "vi": 'thiếu cột bắt buộc "{column_vi}" cho {kind_vi}',
        "en": 'required column "{column_vi}" ({column_en}) missing for {kind_en}',
    },
    "column_ignored": {"vi": 'cột "{header}" không dùng', "en": 'column "{header}" not used'},
    "rows_skipped_total": {
        "vi": "bỏ qua {count} dòng tổng cộng/cộng nhóm (dòng {rows})",
        "en": "skipped {count} total/subtotal rows (rows {rows})",
    },
    "rows_skipped_section": {
        "vi": "{count} dòng tiêu đề nhóm (dòng {rows}) dùng để xác định loại cán bộ",
        "en": "{count} section rows (rows {rows}) used for the staff category",
    },
    "rows_skipped_hidden": {
        "vi": "bỏ qua {count} dòng bị ẩn (dòng {rows})",
        "en": "skipped {count} hidden rows (rows {rows})",
    },
    "rows_skipped_footer": {
        "vi": "bỏ qua {count} dòng chân trang/ký tên từ dòng {first}",
        "en": "skipped {count} footer/signature rows from row {first}",
    },
    "rows_skipped_colnum": {
        "vi": "bỏ qua dòng đánh số cột (dòng {rows})",
        "en": "skipped column-number rows (rows {rows})",
    },
    "person_id_generated": {
        "vi": "không có cột mã cán bộ: tạo mã từ đơn vị, họ tên và ngày sinh cho {count} người",
        "en": "no person ID column: IDs made from unit, name and birth date for {count} people",
    },
    "as_of_from_title": {
        "vi": "số liệu đến ngày {as_of} lấy từ tiêu đề biểu",
        "en": "as-of date {as_of} taken from the title",
    },
    "as_of_title_differs": {
        "vi": "dùng ngày số liệu {as_of} đã khai báo, khác ngày {title} ghi trong tiêu đề biểu",
        "en": "the declared as-of date {as_of} is used; the title says {title}",
    },
    "month_title_invalid": {
        "vi": "tháng {month} ghi trong tiêu đề không có (tháng phải từ 1 đến 12)",
        "en": "the month {month} in the title does not exist (months are 1 to 12)",
    },
    "column_is_coefficient": {
        "vi": "cột ghi hệ số (số nhỏ có phần thập phân), không phải số tiền: không dùng",
        "en": "the column holds coefficients (small decimals), not amounts: not used",
    },
    "as_of_missing": {
        "vi": "không biết số liệu đến ngày nào: chọn ngày ở ô «Số liệu đến ngày» khi nhập (dòng lệnh: "
        '--as-of), hoặc thêm cột "Số liệu đến ngày" vào tệp',
        "en": "as-of date unknown: pick it in the «Data as of» box when importing (command line: --as-of), "
        'or add an "As of" column to the file',
    },
    "unit_forward_filled": {
        "vi": "ô đơn vị để trống ở {count} dòng: lấy đơn vị của dòng trên",
        "en": "unit left blank on {count} rows: the unit of the row above is used",
    },
    "person_elsewhere": {
        "vi": "mã cán bộ đã có ở đơn vị {other_unit} cùng ngày số liệu (lô {batch_id})",
        "en": "person ID already in unit {other_unit} on the same as-of date (batch {batch_id})",
    },
    "unit_from_title": {"vi": "đơn vị «{unit}» lấy từ {source}", "en": "unit «{unit}» taken from the {source}"},
    "ambiguous_unit_title": {
        "vi": "tiêu đề biểu nêu nhiều đơn vị ({candidates}): thêm cột «Tên đơn vị» vào bảng",
        "en": "the title names several units ({candidates}): add a «Unit» column to the table",
    },
    # --- values
    "required": {"vi": "thiếu giá trị bắt buộc", "en": "required value missing"},
    "bad_number": {"vi": "không phải số", "en": "not a number"},
    "not_integer": {"vi": "phải là số nguyên", "en": "must be a whole number"},
    "bad_date": {"vi": "ngày không hợp lệ (dùng dd/mm/yyyy)", "en": "invalid date (use dd/mm/yyyy)"},
    "date_year_only": {"vi": "chỉ có năm; lấy ngày 01/01", "en": "year only; 1 January used"},
    "bad_bool": {"vi": "phải là có/không (x hoặc để trống)", "en": "must be yes/no (x or blank)"},
    "bad_code": {
        "vi": "giá trị không hợp lệ; ghi một trong: {allowed}",
        "en": "invalid value; write one of: {allowed}",
    },
    "commune_kind_not_commune": {
        "vi": "chỉ UBND xã, phường mới ghi loại xã/phường",
        "en": "only a commune or ward has a commune kind",
    },
    "unknown_unit": {"vi": "không tìm thấy đơn vị", "en": "unit not found"},
    "ambiguous_unit": {
        "vi": "tên đơn vị trùng nhiều đơn vị: {candidates}",
        "en": "unit name matches several units: {candidates}",
    },
    "negative": {"vi": "không được âm", "en": "must not be negative"},
    "out_of_range": {"vi": "ngoài khoảng cho phép ({low} – {high})", "en": "out of range ({low} – {high})"},
    "coef_not_in_scale": {
        "vi": "hệ số lương {coef} không có trong bảng lương{group}",
        "en": "salary coefficient {coef} is not in the pay scale{group}",
    },
    "coef_out_of_range": {
        "vi": "hệ số lương {coef} vượt mức cao nhất có thể ({high})",
        "en": "salary coefficient {coef} above the highest possible ({high})",
    },
    "age_out_of_range": {
        "vi": "tuổi {age} tại ngày {as_of} ngoài khoảng 18 – 70",
        "en": "age {age} on {as_of} outside 18 – 70",
    },
    "birth_after_as_of": {"vi": "ngày sinh sau ngày số liệu", "en": "birth date after the as-of date"},
    "gender_conflict": {
        "vi": "giới tính mâu thuẫn (ngày sinh ở cả cột Nam và Nữ)",
        "en": "gender conflict (dates in both Nam and Nữ)",
    },
    "pay_group_step": {"vi": "nhóm ngạch và bậc phải cùng có hoặc cùng trống", "en": "pay group and step go together"},
    "step_out_of_range": {"vi": "bậc {step} vượt số bậc của nhóm {group}", "en": "step {step} beyond group {group}"},
    "hire_before_birth": {"vi": "ngày tuyển dụng trước ngày sinh", "en": "hire date before birth date"},
    "cut_over_quota": {"vi": "số chờ cắt giảm lớn hơn biên chế giao", "en": "pending cut larger than the quota"},
    "end_before_start": {"vi": "ngày kết thúc trước ngày bắt đầu", "en": "end date before start date"},
    "secondment_short": {
        "vi": "thời gian tăng cường dưới {months} tháng mà không có quyết định ngoại lệ",
        "en": "secondment shorter than {months} months without an exception decision",
    },
    "same_unit": {"vi": "đơn vị cử và xã nhận trùng nhau", "en": "sending and receiving unit are the same"},
    "unit_self_reference": {
        "vi": "đơn vị không thể trực thuộc / sáp nhập vào chính nó",
        "en": "a unit cannot belong to / merge into itself",
    },
    "total_below_basic": {"vi": "tổng thu nhập nhỏ hơn lương cơ bản", "en": "total below basic salary"},
    "participants_person": {
        "vi": "khóa học gắn một người thì số người phải là 1",
        "en": "a course for one person has 1 participant",
    },
    "no_base_salary": {"vi": "không có lương cơ sở cho tháng {month}", "en": "no base salary for {month}"},
    "duplicate_in_upload": {
        "vi": "trùng với dòng {other_row} (trang {other_sheet}, tệp {other_file})",
        "en": "duplicate of row {other_row} (sheet {other_sheet}, file {other_file})",
    },
    "totals_mismatch": {
        "vi": "dòng tổng cộng ghi {stated} nhưng tổng các dòng là {computed}",
        "en": "totals row says {stated} but the rows add up to {computed}",
    },
    "replaces_rows": {
        "vi": "thay thế {count} dòng {table} đã có (ảnh chụp cũ hơn cùng đơn vị, cùng kỳ)",
        "en": "replaces {count} existing {table} rows (older snapshot of the same unit and period)",
    },
    "db_constraint": {"vi": "cơ sở dữ liệu từ chối dữ liệu: {detail}", "en": "the database refused the data: {detail}"},
    "problems_more": {
        "vi": "… và {count} dòng khác có cùng vấn đề: {message_vi}",
        "en": "… and {count} more rows with the same problem: {message_en}",
    },
    "quota_no_category": {
        "vi": "cột năm không thuộc nhóm Công chức / Viên chức",
        "en": "year column outside a Công chức / Viên chức group",
    },
}

KIND_NAMES: dict[str, dict[str, str]] = {
    "unit": {"vi": "danh mục đơn vị", "en": "units"},
    "quota": {"vi": "biên chế giao", "en": "quotas"},
    "quota_wide": {"vi": "biên chế giao (theo năm)", "en": "quotas (years as columns)"},
    "person": {"vi": "danh sách cán bộ", "en": "roster"},
    "payroll": {"vi": "bảng lương", "en": "payroll"},
    "reduction_case": {"vi": "tinh giản biên chế", "en": "reduction cases"},
    "secondment": {"vi": "tăng cường cơ sở", "en": "secondments"},
    "secondment_review": {"vi": "đánh giá tăng cường", "en": "secondment reviews"},
    "training": {"vi": "đào tạo, bồi dưỡng", "en": "training"},
    "reorg_decision": {"vi": "quyết định sắp xếp tổ chức", "en": "reorganisation decisions"},
    "job_position": {"vi": "phê duyệt vị trí việc làm", "en": "job-position approvals"},
    "inspection": {"vi": "kiểm tra công vụ", "en": "inspections"},
}


def render(code: str, params: dict[str, Any], lang: str = "vi") -> str:
    """The message of ``code`` in ``lang`` with its parameters filled in."""
    template = MESSAGES.get(code, {}).get(lang) or code
    # A parameter may carry its own text per language ({"vi": …, "en": …}: labels of allowed values).
    params = {k: v.get(lang, v.get("vi")) if isinstance(v, dict) and "vi" in v else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {params}"


def table_name(table: str) -> dict[str, str]:
    """A table as the reader calls it ("danh sách cán bộ"), from the kind that fills it."""
    return dict(KIND_NAMES.get(table, {"vi": table, "en": table.replace("_", " ")}))


def number(n: int) -> dict[str, str]:
    """A whole number as each language writes it: 1.860 in Vietnamese, 1,860 in English."""
    return {"vi": f"{n:,}".replace(",", "."), "en": f"{n:,}"}


def refusal_params(rec: Any) -> dict[str, Any]:
    """Parameters of a refused sheet's message: for an ambiguous one the two kinds and their columns."""
    if rec.refused != "ambiguous" or len(rec.close) < 2:
        return {}
    (a, cols_a), (b, cols_b) = rec.close[:2]
    return {
        "kind_a": dict(KIND_NAMES[a]),
        "kind_b": dict(KIND_NAMES[b]),
        "columns_a": ", ".join(f"«{c}»" for c in cols_a),
        "columns_b": ", ".join(f"«{c}»" for c in cols_b),
    }
