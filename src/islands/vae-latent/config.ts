/** The knobs of the VAE latent example, with their defaults. */

/** The latent plane the scatter shows: [−PLANE, PLANE]² (the test digits' means fall well inside). */
export const PLANE = 3.5;
/** How far an arrow key moves z (Shift: five times as far). */
export const KEY_STEP = 0.1;
/** Test digits encoded for the scatter (all of the shipped test assets). */
export const SCATTER_DIGITS = 1000;
