/**
 * The bibliography. Chapters cite an entry as `[@key]` (or `[@a; @b]`); the citation becomes a
 * link to the chapter's generated "References" list, which holds exactly the entries it cites.
 */
export interface Reference {
  /** Short in-text label, e.g. "Kingma & Welling, 2013". */
  label: string;
  /** Full authors as printed in the list. */
  authors: string;
  title: string;
  /** Venue and year, e.g. "ICLR 2014". */
  venue: string;
  year: number;
  /** Canonical link (arXiv abstract page where there is one). */
  url: string;
}

export const references: Record<string, Reference> = {
  kingma2013: {
    label: 'Kingma & Welling, 2013',
    authors: 'Diederik P. Kingma, Max Welling',
    title: 'Auto-Encoding Variational Bayes',
    venue: 'ICLR 2014; arXiv:1312.6114',
    year: 2013,
    url: 'https://arxiv.org/abs/1312.6114',
  },
  rezende2014: {
    label: 'Rezende et al., 2014',
    authors: 'Danilo Jimenez Rezende, Shakir Mohamed, Daan Wierstra',
    title: 'Stochastic Backpropagation and Approximate Inference in Deep Generative Models',
    venue: 'ICML 2014; arXiv:1401.4082',
    year: 2014,
    url: 'https://arxiv.org/abs/1401.4082',
  },
  sohldickstein2015: {
    label: 'Sohl-Dickstein et al., 2015',
    authors: 'Jascha Sohl-Dickstein, Eric A. Weiss, Niru Maheswaranathan, Surya Ganguli',
    title: 'Deep Unsupervised Learning using Nonequilibrium Thermodynamics',
    venue: 'ICML 2015; arXiv:1503.03585',
    year: 2015,
    url: 'https://arxiv.org/abs/1503.03585',
  },
  ho2020: {
    label: 'Ho et al., 2020',
    authors: 'Jonathan Ho, Ajay Jain, Pieter Abbeel',
    title: 'Denoising Diffusion Probabilistic Models',
    venue: 'NeurIPS 2020; arXiv:2006.11239',
    year: 2020,
    url: 'https://arxiv.org/abs/2006.11239',
  },
  kingma2021: {
    label: 'Kingma et al., 2021',
    authors: 'Diederik P. Kingma, Tim Salimans, Ben Poole, Jonathan Ho',
    title: 'Variational Diffusion Models',
    venue: 'NeurIPS 2021; arXiv:2107.00630',
    year: 2021,
    url: 'https://arxiv.org/abs/2107.00630',
  },
  luo2022: {
    label: 'Luo, 2022',
    authors: 'Calvin Luo',
    title: 'Understanding Diffusion Models: A Unified Perspective',
    venue: 'arXiv:2208.11970',
    year: 2022,
    url: 'https://arxiv.org/abs/2208.11970',
  },
  goodfellow2014: {
    label: 'Goodfellow et al., 2014',
    authors: 'Ian J. Goodfellow, Jean Pouget-Abadie, Mehdi Mirza, Bing Xu, David Warde-Farley, Sherjil Ozair, Aaron Courville, Yoshua Bengio',
    title: 'Generative Adversarial Networks',
    venue: 'NeurIPS 2014; arXiv:1406.2661',
    year: 2014,
    url: 'https://arxiv.org/abs/1406.2661',
  },
  radford2015: {
    label: 'Radford et al., 2015',
    authors: 'Alec Radford, Luke Metz, Soumith Chintala',
    title: 'Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks',
    venue: 'ICLR 2016; arXiv:1511.06434',
    year: 2015,
    url: 'https://arxiv.org/abs/1511.06434',
  },
  karras2019: {
    label: 'Karras et al., 2019',
    authors: 'Tero Karras, Samuli Laine, Timo Aila',
    title: 'A Style-Based Generator Architecture for Generative Adversarial Networks',
    venue: 'CVPR 2019; arXiv:1812.04948',
    year: 2019,
    url: 'https://arxiv.org/abs/1812.04948',
  },
  kobyzev2019: {
    label: 'Kobyzev et al., 2019',
    authors: 'Ivan Kobyzev, Simon J. D. Prince, Marcus A. Brubaker',
    title: 'Normalizing Flows: An Introduction and Review of Current Methods',
    venue: 'IEEE TPAMI 2020; arXiv:1908.09257',
    year: 2019,
    url: 'https://arxiv.org/abs/1908.09257',
  },
  vandenoord2016pixelrnn: {
    label: 'van den Oord et al., 2016a',
    authors: 'Aaron van den Oord, Nal Kalchbrenner, Koray Kavukcuoglu',
    title: 'Pixel Recurrent Neural Networks',
    venue: 'ICML 2016; arXiv:1601.06759',
    year: 2016,
    url: 'https://arxiv.org/abs/1601.06759',
  },
  vandenoord2016: {
    label: 'van den Oord et al., 2016b',
    authors: 'Aaron van den Oord, Nal Kalchbrenner, Oriol Vinyals, Lasse Espeholt, Alex Graves, Koray Kavukcuoglu',
    title: 'Conditional Image Generation with PixelCNN Decoders',
    venue: 'NeurIPS 2016; arXiv:1606.05328',
    year: 2016,
    url: 'https://arxiv.org/abs/1606.05328',
  },
  lecun2006: {
    label: 'LeCun et al., 2006',
    authors: 'Yann LeCun, Sumit Chopra, Raia Hadsell, Marc’Aurelio Ranzato, Fu Jie Huang',
    title: 'A Tutorial on Energy-Based Learning',
    venue: 'Predicting Structured Data, MIT Press',
    year: 2006,
    url: 'https://yann.lecun.com/exdb/publis/pdf/lecun-06.pdf',
  },
  du2019: {
    label: 'Du & Mordatch, 2019',
    authors: 'Yilun Du, Igor Mordatch',
    title: 'Implicit Generation and Generalization in Energy-Based Models',
    venue: 'NeurIPS 2019; arXiv:1903.08689',
    year: 2019,
    url: 'https://arxiv.org/abs/1903.08689',
  },
  song2019: {
    label: 'Song & Ermon, 2019',
    authors: 'Yang Song, Stefano Ermon',
    title: 'Generative Modeling by Estimating Gradients of the Data Distribution',
    venue: 'NeurIPS 2019; arXiv:1907.05600',
    year: 2019,
    url: 'https://arxiv.org/abs/1907.05600',
  },
  song2021: {
    label: 'Song et al., 2021',
    authors: 'Yang Song, Jascha Sohl-Dickstein, Diederik P. Kingma, Abhishek Kumar, Stefano Ermon, Ben Poole',
    title: 'Score-Based Generative Modeling through Stochastic Differential Equations',
    venue: 'ICLR 2021; arXiv:2011.13456',
    year: 2021,
    url: 'https://arxiv.org/abs/2011.13456',
  },
  burda2015: {
    label: 'Burda et al., 2015',
    authors: 'Yuri Burda, Roger Grosse, Ruslan Salakhutdinov',
    title: 'Importance Weighted Autoencoders',
    venue: 'ICLR 2016; arXiv:1509.00519',
    year: 2015,
    url: 'https://arxiv.org/abs/1509.00519',
  },
  ho2022: {
    label: 'Ho & Salimans, 2022',
    authors: 'Jonathan Ho, Tim Salimans',
    title: 'Classifier-Free Diffusion Guidance',
    venue: 'NeurIPS 2021 Workshop on Deep Generative Models; arXiv:2207.12598',
    year: 2022,
    url: 'https://arxiv.org/abs/2207.12598',
  },
  nichol2021: {
    label: 'Nichol & Dhariwal, 2021',
    authors: 'Alex Nichol, Prafulla Dhariwal',
    title: 'Improved Denoising Diffusion Probabilistic Models',
    venue: 'ICML 2021; arXiv:2102.09672',
    year: 2021,
    url: 'https://arxiv.org/abs/2102.09672',
  },
  blei2017: {
    label: 'Blei et al., 2017',
    authors: 'David M. Blei, Alp Kucukelbir, Jon D. McAuliffe',
    title: 'Variational Inference: A Review for Statisticians',
    venue: 'JASA 2017; arXiv:1601.00670',
    year: 2017,
    url: 'https://arxiv.org/abs/1601.00670',
  },
  sonderby2016: {
    label: 'Sønderby et al., 2016',
    authors: 'Casper Kaae Sønderby, Tapani Raiko, Lars Maaløe, Søren Kaae Sønderby, Ole Winther',
    title: 'Ladder Variational Autoencoders',
    venue: 'NeurIPS 2016; arXiv:1602.02282',
    year: 2016,
    url: 'https://arxiv.org/abs/1602.02282',
  },
};
