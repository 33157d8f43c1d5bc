// Static description of the article's figures: ids (the contract's stable ids), titles, and the
// alt text of the static fallback image (the figure's default state, rendered at build time).
// The embed page uses this table; the article carries the same texts in its HTML.
export const FIGURES = {
  trajectory: {
    title: 'One run, four views',
    alt: 'Static image of the trajectory figure: a gradient-flow run shown as a path in parameter space, the residual in function space, the tangent-kernel eigenvalues and the Rayleigh quotient on a common time axis.',
  },
  factorisation: {
    title: 'The Rayleigh factorisation',
    alt: 'Static image of the factorisation figure: a one-parameter curve model (Bernoulli\'s lemniscate) in a two-dimensional function space, with the residual and tangent arrows and bars showing that the squared gradient norm equals R times the squared functional gradient norm.',
  },
  bounds: {
    title: 'From a KL inequality to a rate',
    alt: 'Static image of the bounds figure: a simulated loss curve on log-log axes under the predicted envelope obtained by integrating a Kurdyka-Łojasiewicz inequality.',
  },
  phase: {
    title: 'Width, samples and the kernel at initialisation',
    alt: 'Static image of the phase figure: a map over network width and number of samples showing where the tangent kernel is positive definite and whether training stays in the ball of the classical argument.',
  },
  toy2d: {
    title: 'Positive definite is not enough',
    alt: 'Static image of the two-dimensional toy figure: loss contours of the complex-square model with Bernoulli\'s lemniscate through the saddle at zero, and gradient-flow paths converging to plus or minus one.',
  },
  witness: {
    title: 'Witness directions',
    alt: 'Static image of the witness figure: the true Rayleigh quotient along a trajectory compared with the lower bounds given by several witness directions.',
  },
  headline: {
    title: 'Beyond over-parameterization',
    alt: 'Static image of the headline figure: as the number of samples exceeds the number of parameters the smallest tangent-kernel eigenvalue drops to zero while the Rayleigh quotient along the trajectory stays bounded away from zero.',
  },
  population: {
    title: 'Infinitely many samples',
    alt: 'Static image of the population figure: test loss of a model linear in two parameters on the uniform distribution over an interval, against its closed form and the exponential bound.',
  },
  logistic: {
    title: 'Logistic regression (appendix A.5.6)',
    alt: 'Static image of the logistic-regression figure: measured loss of gradient descent against the predicted upper bound on log-log axes, and the local loss decrease against its predicted lower bound.',
  },
};
export const FIGURE_IDS = Object.keys(FIGURES);

// The page's own link parameters (index.html#fig=…&state=…, embed.html?fig=…&state=…&controls=…)
// follow the module's query grammar (src/core/util/query.hpp, docs/url-state.md): '&'-separated
// key=value items, empty items skipped, %XX decoded (a bad escape is an error), '+' is a plus sign,
// a key given twice is an error (decodeURIComponent also wants the escapes to spell UTF-8: a
// JavaScript string holds text). An error rejects the whole link (params is empty). The figure
// state is one of these values: the page passes it to the module as it is (xp_set_state), which
// parses it with the same grammar and validates every field.
export function readLink(text) {
  const params = new Map();
  const fail = (error) => ({ params: new Map(), error });
  for (const item of String(text).replace(/^[?#]/, '').split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) return fail('expected key=value, got “' + clip(item) + '”');
    let key, value;
    try {
      key = decodeURIComponent(item.slice(0, eq));
      value = decodeURIComponent(item.slice(eq + 1));
    } catch {
      return fail('bad percent-encoding in “' + clip(item) + '”');
    }
    if (params.has(key)) return fail('“' + clip(key) + '” given twice');
    params.set(key, value);
  }
  return { params, error: '' };
}
// The longest figure state the page hands to the module (which allows 4096 bytes and says so):
// a guard against copying a huge string into WebAssembly memory, not a rule of the grammar.
export const MAX_STATE_CHARS = 65536;

export function clip(s, n = 40) {
  s = String(s);
  return s.length > n ? s.slice(0, n) + '…' : s;
}
