/**
 * Tour helpers for a phone's screen (the tests run the tour on an emulated 390 x 844 screen:
 * `TourMixin.start_tour_or_fail(..., phone=True)` in tests/browser.py).
 */

export const PHONE_WIDTH = 390;

/**
 * Throws unless the screen is a phone's and nothing is cut off: neither the page nor any visible
 * element matching `selectors` is wider than the screen or goes past its right edge.
 */
export function assertFitsPhone(selectors = ".o_content") {
    if (window.innerWidth > PHONE_WIDTH) {
        throw new Error(`The screen is ${window.innerWidth} px wide, not a phone's ${PHONE_WIDTH} px`);
    }
    const page = document.documentElement;
    if (page.scrollWidth > page.clientWidth + 1) {
        throw new Error(`The page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth} px`);
    }
    for (const element of document.querySelectorAll(selectors)) {
        if (element.offsetParent === null) {
            continue;
        }
        if (element.scrollWidth > element.clientWidth + 1) {
            throw new Error(
                `${element.className} is wider than the screen: ${element.scrollWidth} > ${element.clientWidth} px`
            );
        }
        if (element.getBoundingClientRect().right > window.innerWidth + 1) {
            throw new Error(`${element.className} goes past the right edge of the screen`);
        }
    }
}
