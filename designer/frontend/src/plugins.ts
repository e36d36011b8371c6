// Optional editor modules imported for their registration side effects (see extensions.tsx); each package adds its import line here.
export {};
import "./interview/register";
import "./collab/register";
