#define UTS_MACHINE "x86_64"
#define LINUX_COMPILE_BY "root"
#define LINUX_COMPILE_HOST "hawk"
#define LINUX_COMPILER "gcc (Gentoo 13.2.1_p20240210 p14) 13.2.1 20240210, GNU ld (Gentoo 2.41 p5) 2.41.0"
