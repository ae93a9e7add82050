"""Reads landport's OGC API - Features the way an analyst's Python does (OWSLib), and prints what it got as JSON.

Run by ogc.api.test.ts with the base URL of a test server: python3 owslib-read.py http://127.0.0.1:PORT/ogc/
"""
import json
import sys

from owslib.ogcapi.features import Features

api = Features(sys.argv[1])
definition = api.api()
items_parameters = definition['paths']['/ogc/collections/{collectionId}/items']['get']['parameters']
box = api.collection_items('observations', bbox=[124.0, 39.9, 124.6, 40.3], limit=5)
dandong = api.collection_items('observations', crossing_id=sys.argv[2], metric='queue_vehicles', limit=100)
print(json.dumps({
    'conformsTo': api.conformance()['conformsTo'],
    'collections': api.feature_collections(),
    'queryables': sorted(api.collection_queryables('observations')['properties'].keys()),
    'parameters': {p['name']: {k: p.get(k) for k in ('style', 'explode')} | {'type': p['schema'].get('type')} for p in items_parameters},
    'bboxPage': {'numberReturned': box['numberReturned'], 'next': any(l['rel'] == 'next' for l in box['links'])},
    'values': sorted(f['properties']['value'] for f in dandong['features']),
    'valueTypes': sorted({type(f['properties']['value']).__name__ for f in dandong['features']}),
}))
