package archfixture.cycle.a;

import archfixture.cycle.b.B;

/** Half of a package cycle, for the architecture rules to find. */
public class A {

	public B b() {
		return new B();
	}

}
