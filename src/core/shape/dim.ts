// The shape layer's sizes are the AST's polynomial sizes (ast/dim.ts), which the notations also read
// declared sizes into (`# W: (d_h, d_h + d_x)`): one implementation, named here for the shape passes.
export * from '../ast/dim';
