/**
 * The in-app browser demo: plays the visitor its address names before the element decides, by
 * forcing what the browser tells about itself (a desktop browser cannot be an app's web view).
 */
const visitors: Record<string, { userAgent: string; standalone?: boolean }> = {
  instagram: {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; 654111336; IABMV/1)',
  },
  'home-screen': {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/22B5045g Safari/604.1',
    standalone: true,
  },
};

const visitor = visitors[new URLSearchParams(location.search).get('as') ?? ''];
if (visitor) {
  Object.defineProperty(navigator, 'userAgent', { value: visitor.userAgent });
  if (visitor.standalone) Object.defineProperty(navigator, 'standalone', { value: true });
}

document.addEventListener('connect-environment', ({ detail }) => {
  document.querySelector('#environment')!.textContent = JSON.stringify(detail);
});

// After the forcing: the element reads the browser when it first renders.
void import('../src/define.js');
