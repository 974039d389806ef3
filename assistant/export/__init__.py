"""Exports of answers for members' own documents (Word briefings)."""
