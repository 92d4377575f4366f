package archfixture.cycle.b;

import archfixture.cycle.a.A;

/** The other half of a package cycle, for the architecture rules to find. */
public class B {

	public A a() {
		return new A();
	}

}
