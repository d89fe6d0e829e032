// The control: in the same folder, the React typings do not compile (React's types are not
// installed there), so the check above really runs without them.
import type {} from 'oauth-connect/react';
