"""Tests of lib/outputs: the meeting deck, the public site."""
