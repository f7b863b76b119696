"""kaigi-kg: a knowledge graph of who represented which side at which security forum.

Pipeline: ingest → nlp → extract → resolve → rdf → export | viz | query.
"""
__version__ = "0.1.0"
