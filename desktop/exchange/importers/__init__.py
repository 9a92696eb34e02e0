"""One reader per contacts format (LinkedIn, Google, Outlook, any CSV, vCard), and the
column mapping for CSV files Rebound does not know."""
