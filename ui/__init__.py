"""The dashboard page's pieces: texts, legend, region details, decision form, outcome card."""
