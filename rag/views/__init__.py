"""Officials' views over the whole corpus: department and target tables (tables), province ↔ city
alignment (align, align_signals) and their CSV / XLSX export."""
