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

// Validates a figure state string taken from a URL before it reaches the module.
// Returns { query, problems }: query keeps only well-formed key=value pairs; problems lists what
// was dropped (as plain text for a visible message; never inserted as HTML).
export function sanitizeState(raw) {
  const problems = [];
  if (typeof raw !== 'string') return { query: '', problems: ['state is not text'] };
  if (raw.length > 2000) return { query: '', problems: ['state is too long (' + raw.length + ' characters)'] };
  const kept = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key, value;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      problems.push('undecodable field'); continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_.]{0,31}$/.test(key)) { problems.push('bad field name “' + clip(key) + '”'); continue; }
    if (eq < 0 || !/^[A-Za-z0-9_.:+\-,]{1,64}$/.test(value)) { problems.push('bad value for ' + key); continue; }
    if (/^[+-]?(nan|inf|infinity)$/i.test(value)) { problems.push('non-finite value for ' + key); continue; }
    if (/^[+-]?[0-9.]+(e[+-]?[0-9]+)?$/i.test(value) && !Number.isFinite(Number(value))) { problems.push('value out of range for ' + key); continue; }
    kept.push(key + '=' + value);
  }
  return { query: kept.join('&'), problems };
}

export function clip(s, n = 40) {
  s = String(s);
  return s.length > n ? s.slice(0, n) + '…' : s;
}
