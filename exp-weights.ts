import { loadKnowledgeBase } from '/work/main/src/kb/load-kb.js';
import { createRetriever } from '/work/main/src/retrieval/retriever.js';
import { readQueries } from '/work/main/src/retrieval/eval-queries.js';
import { RELEVANCE_WEIGHTS } from '/work/main/src/retrieval/scoring.js';
const sets = [['knowledge-base','test/fixtures/queries.jsonl'],['../shared/datasets/banking77/kb','../shared/datasets/banking77/queries.jsonl']];
const loaded = [];
for (const [kb,q] of sets) { const k = await loadKnowledgeBase(kb); const r = await createRetriever(k.articles,{thresholds:{answerThreshold:.5,clarifyThreshold:.3,answerMargin:.1},defaultLang:'en'}); loaded.push([r, (await readQueries(q)).filter(x=>x.expected.length)]); }
const grid = JSON.parse(process.argv[2]);
for (const w of grid) {
  Object.assign(RELEVANCE_WEIGHTS, {articleBm25:w[0],phrasingBm25:w[1],coverage:w[2],phrasing:w[3]});
  const out=[];
  for (const [r,qs] of loaded) { let ok=0; for (const q of qs) { const c=(await r.rank(q.query,{lang:q.lang})).candidates; if (c[0] && q.expected.includes(c[0].articleId)) ok++; } out.push((ok/qs.length).toFixed(3)); }
  console.log(JSON.stringify(w), out.join(' '));
}
