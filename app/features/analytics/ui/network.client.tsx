import cytoscape from 'cytoscape'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { NetworkEdge, NetworkNode } from '../dashboard.server.ts'
import { PARTNER_TYPE_SHORT_LABELS } from '../../../../db/vocab.ts'
import { PARTNER_TYPE_COLORS } from '../vocab.ts'
import { money } from './format.ts'

/**
 * The partner network drawn with cytoscape: node size by P2P revenue, colour by partner type,
 * edge width by interaction count. Filter by minimum interactions and partner type; click a
 * partner to open its page. Loaded only in the browser.
 */
export default function NetworkGraph({ nodes, edges, onOpen }: { nodes: NetworkNode[]; edges: NetworkEdge[]; onOpen: (slug: string) => void }) {
  const box = useRef<HTMLDivElement>(null)
  const [minWeight, setMinWeight] = useState(1)
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
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...visible.nodes.map((n) => ({
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
          style: { width: 'data(size)', height: 'data(size)', 'background-color': 'data(color)', label: 'data(label)', 'font-size': 9, color: '#334155', 'text-valign': 'bottom', 'text-margin-y': 3 },
        },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#cbd5e1', opacity: 0.8, 'curve-style': 'haystack' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#0f172a' } },
      ],
      layout: { name: visible.nodes.length > 150 ? 'circle' : 'cose', animate: false, randomize: false },
      wheelSensitivity: 0.2,
    })
    cy.on('tap', 'node', (evt) => onOpen(evt.target.data('slug') as string))
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
          <input type="range" min={1} max={maxWeight} value={minWeight} onChange={(e) => setMinWeight(Number(e.target.value))} aria-label="Minimum interactions per edge" data-testid="graph-min-weight" />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={showIsolated} onChange={(e) => setShowIsolated(e.target.checked)} /> Show partners without edges
        </label>
        <fieldset className="flex flex-wrap gap-2" aria-label="Partner types shown">
          {types.map((t) => (
            <label key={t} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={!hiddenTypes.includes(t)}
                onChange={(e) => setHiddenTypes((h) => (e.target.checked ? h.filter((x) => x !== t) : [...h, t]))}
              />
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
