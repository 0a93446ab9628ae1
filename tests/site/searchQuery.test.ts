import { test, expect } from 'vitest';
import { variantQueries, rankSections, titleMatches } from '../../src/scripts/searchQuery.ts';

test('a variant spelling also searches the spelling the notes use', () => {
  expect(variantQueries('Reparametrization trick')).toContain('reparameterization trick');
});

test('Kullback-Leibler also searches KL, and KL also searches Kullback-Leibler', () => {
  expect(variantQueries('Kullback-Leibler divergence')).toContain('kl divergence');
  expect(variantQueries('KL divergence')).toContain('kullback-leibler divergence');
});

test('posteriori also searches posterior', () => {
  expect(variantQueries('a posteriori')).toContain('a posterior');
});

test('a word that merely contains a term is not rewritten', () => {
  expect(variantQueries('klaxon')).toEqual(['klaxon']);
});

test('a query with no known term is searched as typed, once', () => {
  expect(variantQueries('  denoising   matching ')).toEqual(['denoising matching']);
});

test('a title matches when every query word starts one of its words', () => {
  expect(titleMatches('Hierarchical VAE (HVAE)', ['hierarchical vae'])).toBe(true);
  expect(titleMatches('The reparameterization trick', ['reparam'])).toBe(true);
  expect(titleMatches('Training a VAE', ['hierarchical vae'])).toBe(false);
});

test('sections titled by the query come first, the rest keep their order, duplicates go', () => {
  const hit = (url: string, title: string) => ({ url, title, excerpt: '' });
  const ranked = rankSections(
    [hit('/a/#x', 'Intro'), hit('/b/#y', 'The reparameterization trick'), hit('/a/#z', 'Loss'), hit('/a/#x', 'Intro')],
    ['reparameterization trick'],
  );
  expect(ranked.map((h) => h.url)).toEqual(['/b/#y', '/a/#x', '/a/#z']);
});

test('of two sections titled by the query, the one whose title is closest to it comes first', () => {
  const hit = (url: string, title: string) => ({ url, title, excerpt: '' });
  const ranked = rankSections([hit('/d/#a', 'Diffusion as a constrained hierarchical VAE'), hit('/v/#b', 'Hierarchical VAE (HVAE)')], ['hierarchical vae']);
  expect(ranked.map((h) => h.url)).toEqual(['/v/#b', '/d/#a']);
});
