"""One writer per export format (CSV, vCard, iCalendar, the full JSON copy), each
writing through ``atomic`` so a crash never leaves half a file."""
