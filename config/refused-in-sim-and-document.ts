// tsconfig.plain.json maps React, React Flow, zustand, comlink, elkjs and the other browser or
// worker libraries to this file for src/sim and src/document. It is a script, not a module, so
// `import … from 'react'` there fails with "is not a module", and any import of it, even a bare
// `import 'react'`, brings in the sentence below as a type error.
const _refused: 'src/sim and src/document are plain ECMAScript: they cannot import React, React Flow, zustand, comlink, elkjs or other browser libraries' =
  'imported';
