"""Reports: Swedish presentation (style, tables, masking) and the papermill/nbconvert run."""
