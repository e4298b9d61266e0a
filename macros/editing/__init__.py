"""Editing without git: the data files' YAML style, the spreadsheet import and its workbook template."""
