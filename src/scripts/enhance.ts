/** Progressive enhancements for every page. Each is optional: the page reads fine without them. */
import { initThemeToggle } from './theme.ts';
import { initSearch } from './search.ts';
import { initPreviews } from './previews.ts';
import { initCopyTex } from './copyTex.ts';
import { initTermLinks } from './termLinks.ts';
import { initContents } from './contents.ts';
import { initEquationScroll } from './equationScroll.ts';
import { initAnchorLanding } from './anchorLanding.ts';
import { initBlockSizes } from './blockSizes.ts';

initThemeToggle();
initSearch();
initPreviews();
initCopyTex();
initTermLinks();
initContents();
initEquationScroll();
initAnchorLanding();
initBlockSizes();
