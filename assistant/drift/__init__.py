"""Answer drift: which answers members would now get differently after a corpus update,
and which documents and passages are responsible."""
