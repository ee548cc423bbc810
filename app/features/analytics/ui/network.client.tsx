import cytoscape from 'cytoscape'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { NetworkEdge, NetworkNode } from '#app/features/analytics/dashboard.server.ts'
import { PARTNER_TYPE_SHORT_LABELS } from '#db/vocab.ts'
import { PARTNER_TYPE_COLORS } from '#app/features/analytics/vocab.ts'
import { money } from '#app/features/analytics/ui/format.ts'

/**
 * The partner network drawn with cytoscape: node size by P2P revenue, colour by partner type,
 * edge width by interaction count. Filter by minimum interactions and partner type; click a
 * partner to open its page. Loaded only in the browser.
 */
const LABELLED = 12

export default function NetworkGraph({ nodes, edges, onOpen }: { nodes: NetworkNode[]; edges: NetworkEdge[]; onOpen: (slug: string) => void }) {
  const box = useRef<HTMLDivElement>(null)
  // Start with the strongest ties only (about three edges per partner) so the graph is not a hairball;
  // the slider goes down to 1. New data (another period or filter) starts from its own default again.
  const defaultMin = useMemo(() => {
    const weights = edges.map((e) => e.weight).sort((a, b) => b - a)
    return weights.length > nodes.length * 3 ? Math.max(1, weights[nodes.length * 3]!) : 1
  }, [nodes, edges])
  const [chosen, setChosen] = useState<{ for: NetworkEdge[]; value: number } | null>(null)
  const minWeight = chosen?.for === edges ? chosen.value : defaultMin
  const setMinWeight = (value: number) => setChosen({ for: edges, value })
  const [showIsolated, setShowIsolated] = useState(false)
  const [hiddenTypes, setHiddenTypes] = useState<string[]>([])
  const maxWeight = useMemo(() => Math.max(1, ...edges.map((e) => e.weight)), [edges])
  const types = useMemo(() => [...new Set(nodes.map((n) => n.partnerType ?? 'unknown'))].sort(), [nodes])

  const visible = useMemo(() => {
    const keptEdges = edges.filter((e) => e.weight >= minWeight)
    const typeOk = (n: NetworkNode) => !hiddenTypes.includes(n.partnerType ?? 'unknown')
    const byId = new Map(nodes.map((n) => [n.id, n]))
    const es = keptEdges.filter((e) => typeOk(byId.get(e.a)!) && typeOk(byId.get(e.b)!))
    const linked = new Set(es.flatMap((e) => [e.a, e.b]))
    const ns = nodes.filter((n) => typeOk(n) && (showIsolated || linked.has(n.id)))
    return { nodes: ns, edges: es }
  }, [nodes, edges, minWeight, showIsolated, hiddenTypes])

  useEffect(() => {
    if (!box.current) return
    const maxRevenue = Math.max(1, ...visible.nodes.map((n) => n.p2pRevenue))
    // Names of the biggest partners stay on; the rest show on hover, so the labels do not pile up.
    const labelled = new Set(
      [...visible.nodes]
        .sort((a, b) => b.p2pRevenue - a.p2pRevenue)
        .slice(0, LABELLED)
        .map((n) => n.id),
    )
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...visible.nodes.map((n) => ({
          classes: labelled.has(n.id) ? 'labelled' : '',
          data: {
            id: n.id,
            label: n.name,
            slug: n.slug,
            size: 14 + 40 * Math.sqrt(n.p2pRevenue / maxRevenue),
            color: PARTNER_TYPE_COLORS[n.partnerType as keyof typeof PARTNER_TYPE_COLORS] ?? '#64748b',
          },
        })),
        ...visible.edges.map((e) => ({ data: { id: `${e.a}-${e.b}`, source: e.a, target: e.b, width: 1 + 7 * (e.weight / maxWeight), weight: e.weight } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            width: 'data(size)',
            height: 'data(size)',
            'background-color': 'data(color)',
            'border-width': 1,
            'border-color': '#ffffff',
            'font-size': 10,
            color: '#1e293b',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
            'text-background-padding': '1px',
          },
        },
        { selector: 'node.labelled, node.hover', style: { label: 'data(label)' } },
        { selector: 'node.hover', style: { 'z-index': 10, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#cbd5e1', opacity: 0.8, 'curve-style': 'haystack' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#0f172a' } },
      ],
      layout:
        visible.nodes.length > 150
          ? { name: 'circle', animate: false }
          : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 600_000, idealEdgeLength: () => 90, nodeOverlap: 40, gravity: 0.2, componentSpacing: 60, padding: 24 },
      wheelSensitivity: 0.2,
    })
    cy.on('tap', 'node', (evt) => onOpen(evt.target.data('slug') as string))
    cy.on('mouseover', 'node', (evt) => evt.target.addClass('hover'))
    cy.on('mouseout', 'node', (evt) => evt.target.removeClass('hover'))
    box.current.dataset.nodes = String(visible.nodes.length)
    box.current.dataset.edges = String(visible.edges.length)
    box.current.dataset.ready = 'true'
    return () => cy.destroy()
  }, [visible, maxWeight, onOpen])

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col">
          <span className="label">Minimum interactions per edge: {minWeight}</span>
          <input
            type="range"
            min={1}
            max={maxWeight}
            value={minWeight}
            onChange={(e) => setMinWeight(Number(e.target.value))}
            aria-label="Minimum interactions per edge"
            data-testid="graph-min-weight"
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={showIsolated} onChange={(e) => setShowIsolated(e.target.checked)} /> Show partners without edges
        </label>
        <fieldset className="flex flex-wrap gap-2" aria-label="Partner types shown">
          {types.map((t) => (
            <label key={t} className="flex items-center gap-1">
              <input type="checkbox" checked={!hiddenTypes.includes(t)} onChange={(e) => setHiddenTypes((h) => (e.target.checked ? h.filter((x) => x !== t) : [...h, t]))} />
              <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ background: PARTNER_TYPE_COLORS[t as keyof typeof PARTNER_TYPE_COLORS] ?? '#64748b' }} />
              {PARTNER_TYPE_SHORT_LABELS[t as keyof typeof PARTNER_TYPE_SHORT_LABELS] ?? t}
            </label>
          ))}
        </fieldset>
      </div>
      <div
        ref={box}
        data-testid="network-graph"
        role="img"
        aria-label={`Partner network: ${visible.nodes.length} partners, ${visible.edges.length} edges. Node size is P2P revenue (largest ${money(Math.max(0, ...visible.nodes.map((n) => n.p2pRevenue)))}); colour is partner type.`}
        className="h-[480px] w-full rounded-md border border-slate-200 bg-slate-50"
      />
    </div>
  )
}
