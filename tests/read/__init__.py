"""Tests of lib/read: sniffing, encodings, Word, PDF, web pages, tables."""
