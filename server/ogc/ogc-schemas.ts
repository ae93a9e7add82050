import { METHODS, METRICS, REVIEW_STATUSES, VEHICLE_CLASSES } from '../contracts/vocabulary.js';
import type { OgcJsonSchemaDto } from '../contracts/ogc-responses.js';

/**
 * The JSON Schema of each collection's features (OGC API – Features Part 5, "schemas"), so a client types every
 * property from the schema rather than from the first page: GDAL read `value` as Integer when the first page
 * held whole numbers only and turned 12.5 into 12. Property names and types follow ogc-features.ts.
 */
type Property = { type: string | string[]; title: string; format?: string; enum?: readonly string[]; 'x-ogc-role'?: string; description?: string };

const str = (title: string, extra: Partial<Property> = {}): Property => ({ type: ['string', 'null'], title, ...extra });
const dateTime = (title: string): Property => ({ type: ['string', 'null'], format: 'date-time', title });
const num = (title: string, description?: string): Property => ({ type: ['number', 'null'], title, ...(description && { description }) });

const GEOMETRY = { format: 'geometry-point', 'x-ogc-role': 'primary-geometry', title: 'Location of the crossing (null where no source gives one)' };

export const COLLECTION_PROPERTIES = {
  crossings: {
    name_en: str('Name (English)'), name_zh: str('Name (Chinese)'), name_ko: str('Name (Korean)'),
    country_a: str('Country on one side (ISO 3166-1 alpha-2)'), country_b: str('Country on the other side'),
    kind: str('Road, rail, road and rail, or pedestrian'), kind_note: str('Kind as the source words it'),
    status: str('Operating status'), sources: str('Sources, separated by " | "'),
  },
  observations: {
    crossing_id: str('Crossing id', { 'x-ogc-role': 'reference' }),
    observed_at: { type: 'string', format: 'date-time', title: 'When it was observed', 'x-ogc-role': 'primary-instant' },
    period_start: dateTime('Counted from'), period_end: dateTime('Counted until'),
    metric: str('What was measured', { enum: METRICS }),
    value: num('Value', 'A decimal number: waits and queue lengths have fractions'),
    vehicle_class: str('Vehicle class', { enum: VEHICLE_CLASSES }),
    direction_from: str('From country'), direction_to: str('To country'),
    method: str('Method', { enum: METHODS }), source: str('Source'), measure: str("Publisher's measure name"),
    source_url: str('Source link', { format: 'uri' }), retrieved_at: dateTime('Retrieved at'),
    confidence: num('Confidence, 0–1'), notes: str('Notes'),
    status: str('Review status', { enum: REVIEW_STATUSES }), submitted_by: str('Submitted by'),
    synthetic: { type: 'boolean', title: 'Made up for the demo' },
  },
} satisfies Record<string, Record<string, Property | { type: string; title: string }>>;

/** Properties a client may filter observations by, as query parameters (Part 3, queryables as query parameters). */
export const OBSERVATION_QUERYABLES = ['crossing_id', 'metric', 'method'] as const;

export function collectionSchema(id: 'crossings' | 'observations', url: string): OgcJsonSchemaDto {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: url,
    type: 'object',
    title: id === 'crossings' ? 'Land border crossing' : 'Observation at a crossing',
    properties: { id: { type: 'string', title: 'Feature id', 'x-ogc-role': 'id' }, geometry: GEOMETRY, ...COLLECTION_PROPERTIES[id] },
  };
}

export function collectionQueryables(id: 'crossings' | 'observations', url: string): OgcJsonSchemaDto {
  const props: Record<string, Property | { type: string; title: string }> = COLLECTION_PROPERTIES[id];
  const names = id === 'observations' ? OBSERVATION_QUERYABLES : ([] as const);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: url,
    type: 'object',
    title: `What ${id} can be filtered by`,
    properties: Object.fromEntries(names.map((n) => [n, props[n]])),
    additionalProperties: false,
  };
}

const XSD_TYPE = (p: { type: string | readonly string[]; format?: string }) => {
  const t = Array.isArray(p.type) ? p.type[0] : p.type;
  if (t === 'number') return 'xs:double';
  if (t === 'boolean') return 'xs:boolean';
  if (p.format === 'date-time') return 'xs:dateTime';
  return 'xs:string';
};

/**
 * The same schema as a GML application schema (XSD), linked as `describedBy` with an XML type: GDAL before 3.9
 * reads only this (its OAPIF driver ignores JSON Schema) and types each field from it instead of the first page.
 */
export function collectionXsd(id: 'crossings' | 'observations'): string {
  const props = COLLECTION_PROPERTIES[id] as Record<string, { type: string | readonly string[]; format?: string }>;
  const elements = Object.entries(props).map(([name, p]) => `        <xs:element name="${name}" type="${XSD_TYPE(p)}" minOccurs="0" maxOccurs="1"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:lp="urn:landport" targetNamespace="urn:landport" elementFormDefault="qualified" version="1.0">
  <xs:import namespace="http://www.opengis.net/gml/3.2" schemaLocation="http://schemas.opengis.net/gml/3.2.1/gml.xsd"/>
  <xs:element name="${id}" type="lp:${id}Type" substitutionGroup="gml:AbstractFeature"/>
  <xs:complexType name="${id}Type">
    <xs:complexContent>
      <xs:extension base="gml:AbstractFeatureType">
        <xs:sequence>
        <xs:element name="geometry" type="gml:PointPropertyType" minOccurs="0" maxOccurs="1"/>
${elements.join('\n')}
        </xs:sequence>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
</xs:schema>
`;
}
