"""The playbook: what to send to whom and when after a rejection, the notes'
templates, and the tone check. Pure Python: no Qt here."""
