/** Search of approval documents (being built). */
export {};
