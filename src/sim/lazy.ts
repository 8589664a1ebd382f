/**
 * Members made on first read: an object's enumerable property whose value is computed the first
 * time it is read and then kept as an ordinary value (which can be replaced like any other).
 * Reading it through JSON, a spread, a structured clone (a worker's message) or a test's deep
 * comparison makes it as well, so the object behaves as if the value had been there all along.
 */

/** Gives `target` the member `name`, made by `make` when first read (or set by assignment). */
export function defineLazy<T extends object>(target: T, name: string, make: () => unknown): void {
  const settle = (value: unknown) => {
    Object.defineProperty(target, name, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  };
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
  });
}
