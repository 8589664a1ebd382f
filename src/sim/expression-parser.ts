/**
 * The expression parser: a private mathjs instance, the only part of Failpoint that imports
 * mathjs. Importing this module installs it into `expressions.ts`, which does everything else
 * (the allow-list, the messages, plain numbers and names) without it.
 *
 * It is a module of its own so that the app can load it after its first view: mathjs and the
 * packages it brings (decimal.js, typed-function, complex.js, fraction.js) are about a fifth of
 * the app's script, and the example blueprints shown first never need it. The command line, the
 * engine's worker and the tests import it statically, so they never see the parser missing.
 */
import {
  create,
  createAbs,
  createAccessorNode,
  createAdd,
  createAddScalar,
  createArrayNode,
  createAssignmentNode,
  createBigNumberClass,
  createBignumber,
  createBlockNode,
  createComplexClass,
  createConcat,
  createConditionalNode,
  createConj,
  createConstantNode,
  createDenseMatrixClass,
  createDet,
  createDivide,
  createDivideScalar,
  createDot,
  createEqual,
  createEqualScalar,
  createExp,
  createFraction,
  createFractionClass,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIdentity,
  createIndexNode,
  createInv,
  createIsBounded,
  createIsInteger,
  createIsNaN,
  createIsZero,
  createLarger,
  createLog,
  createMatrix,
  createMatrixClass,
  createMax,
  createMin,
  createMultiply,
  createMultiplyScalar,
  createNode,
  createNumber,
  createNumeric,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createParse,
  createPow,
  createRangeNode,
  createRelationalNode,
  createResultSet,
  createRound,
  createSize,
  createSmaller,
  createSparseMatrixClass,
  createSqrt,
  createSubset,
  createSubtract,
  createSubtractScalar,
  createSymbolNode,
  createTypeOf,
  createTyped,
  createUnaryMinus,
  createUnaryPlus,
  createZeros,
  type FactoryFunction,
  type FactoryFunctionMap,
} from 'mathjs';
import { installExpressionParser, type ExpressionParser, type SyntaxNode } from './expressions';

// mathjs exports each function's factory (`createAdd`, …) for building an instance with `create`,
// but its type declarations name only the `*Dependencies` collections: these are the factories
// used below, typed as the factory map takes them.
declare module 'mathjs' {
  const createAbs: FactoryFunction<unknown>;
  const createAccessorNode: FactoryFunction<unknown>;
  const createAdd: FactoryFunction<unknown>;
  const createAddScalar: FactoryFunction<unknown>;
  const createArrayNode: FactoryFunction<unknown>;
  const createAssignmentNode: FactoryFunction<unknown>;
  const createBigNumberClass: FactoryFunction<unknown>;
  const createBignumber: FactoryFunction<unknown>;
  const createBlockNode: FactoryFunction<unknown>;
  const createComplexClass: FactoryFunction<unknown>;
  const createConcat: FactoryFunction<unknown>;
  const createConditionalNode: FactoryFunction<unknown>;
  const createConj: FactoryFunction<unknown>;
  const createConstantNode: FactoryFunction<unknown>;
  const createDenseMatrixClass: FactoryFunction<unknown>;
  const createDet: FactoryFunction<unknown>;
  const createDivide: FactoryFunction<unknown>;
  const createDivideScalar: FactoryFunction<unknown>;
  const createDot: FactoryFunction<unknown>;
  const createEqual: FactoryFunction<unknown>;
  const createEqualScalar: FactoryFunction<unknown>;
  const createExp: FactoryFunction<unknown>;
  const createFraction: FactoryFunction<unknown>;
  const createFractionClass: FactoryFunction<unknown>;
  const createFunctionAssignmentNode: FactoryFunction<unknown>;
  const createFunctionNode: FactoryFunction<unknown>;
  const createIdentity: FactoryFunction<unknown>;
  const createIndexNode: FactoryFunction<unknown>;
  const createInv: FactoryFunction<unknown>;
  const createIsBounded: FactoryFunction<unknown>;
  const createIsInteger: FactoryFunction<unknown>;
  const createIsNaN: FactoryFunction<unknown>;
  const createIsZero: FactoryFunction<unknown>;
  const createLarger: FactoryFunction<unknown>;
  const createLog: FactoryFunction<unknown>;
  const createMatrix: FactoryFunction<unknown>;
  const createMatrixClass: FactoryFunction<unknown>;
  const createMax: FactoryFunction<unknown>;
  const createMin: FactoryFunction<unknown>;
  const createMultiply: FactoryFunction<unknown>;
  const createMultiplyScalar: FactoryFunction<unknown>;
  const createNode: FactoryFunction<unknown>;
  const createNumber: FactoryFunction<unknown>;
  const createNumeric: FactoryFunction<unknown>;
  const createObjectNode: FactoryFunction<unknown>;
  const createOperatorNode: FactoryFunction<unknown>;
  const createParenthesisNode: FactoryFunction<unknown>;
  const createParse: FactoryFunction<unknown>;
  const createPow: FactoryFunction<unknown>;
  const createRangeNode: FactoryFunction<unknown>;
  const createRelationalNode: FactoryFunction<unknown>;
  const createResultSet: FactoryFunction<unknown>;
  const createRound: FactoryFunction<unknown>;
  const createSize: FactoryFunction<unknown>;
  const createSmaller: FactoryFunction<unknown>;
  const createSparseMatrixClass: FactoryFunction<unknown>;
  const createSqrt: FactoryFunction<unknown>;
  const createSubset: FactoryFunction<unknown>;
  const createSubtract: FactoryFunction<unknown>;
  const createSubtractScalar: FactoryFunction<unknown>;
  const createSymbolNode: FactoryFunction<unknown>;
  const createTypeOf: FactoryFunction<unknown>;
  const createTyped: FactoryFunction<unknown>;
  const createUnaryMinus: FactoryFunction<unknown>;
  const createUnaryPlus: FactoryFunction<unknown>;
  const createZeros: FactoryFunction<unknown>;
}

/**
 * The mathjs factories an expression needs: the parser, the allowed operators and functions,
 * and everything they depend on, each named here so that a bundler keeps these and leaves the
 * rest of mathjs out. (mathjs's own `*Dependencies` collections would also pull in the unit
 * catalogue and functions none of these reach, such as `floor` and `format`: in the app that
 * was about 50 KiB of script for nothing.)
 *
 * The list is the closure of the roots' dependencies, optional ones included: `typed` takes
 * BigNumber, Complex, Fraction and DenseMatrix when present, and the messages of a wrong call
 * name the types it can convert from, so they stay, and so do the matrix functions `pow`,
 * `divide` and `round` ask for. mathjs builds a factory only when something first uses it, so
 * listing one no path reaches would change nothing but the download.
 *
 * The unit class is left out. Only the syntax tree's symbols ask for it, optionally, to read an
 * unknown name such as `cm` as a unit; an expression here never reaches evaluation with an
 * unknown name (the allow-list refuses it first), and building the unit catalogue is most of
 * what setting mathjs up costs (about 0.15 s of CPU, paid by every command-line run).
 */
const EXPRESSION_FACTORIES: FactoryFunctionMap = {
  createParse,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createRangeNode,
  createRelationalNode,
  createResultSet,
  createSymbolNode,
  createAdd,
  createSubtract,
  createMultiply,
  createDivide,
  createPow,
  createUnaryMinus,
  createUnaryPlus,
  createMin,
  createMax,
  createAbs,
  createSqrt,
  createExp,
  createLog,
  createRound,
  createTyped,
  createNumber,
  createNumeric,
  createBignumber,
  createFraction,
  createMatrix,
  createBigNumberClass,
  createComplexClass,
  createFractionClass,
  createMatrixClass,
  createDenseMatrixClass,
  createSparseMatrixClass,
  createAddScalar,
  createSubtractScalar,
  createMultiplyScalar,
  createDivideScalar,
  createEqualScalar,
  createEqual,
  createSmaller,
  createLarger,
  createIsBounded,
  createIsInteger,
  createIsNaN,
  createIsZero,
  createTypeOf,
  createConcat,
  createConj,
  createDot,
  createDet,
  createInv,
  createIdentity,
  createSize,
  createSubset,
  createZeros,
};

// A private instance holding only what parsing and the allowed operations need; mathjs builds
// each function on first use. `predictable` keeps results real numbers (sqrt(-1) is NaN, not a
// complex number), so they can be rejected.
//
// Built on first parse, not on import: a blueprint whose expressions are plain numbers or
// names never needs it, and building it (the parser, its node types and the typed functions
// they need) is the costliest step of a first analysis.
let instance: ReturnType<typeof create> | null = null;

/** The parser `expressions.ts` uses: mathjs's, with the factories above only. */
export const mathjsExpressionParser: ExpressionParser = {
  parse(text: string): SyntaxNode {
    instance ??= create(EXPRESSION_FACTORIES, { predictable: true, number: 'number' });
    return instance.parse(text) as SyntaxNode;
  },
};

installExpressionParser(mathjsExpressionParser);
