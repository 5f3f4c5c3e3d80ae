"""Reading: the bytes of a published file (.txt in any encoding, .docx, .pdf, .html) as plain text."""
from .readers import MAX_BYTES, ReadError, normalize_text, read_bytes, read_file, sniff

__all__ = ["MAX_BYTES", "ReadError", "normalize_text", "read_bytes", "read_file", "sniff"]
