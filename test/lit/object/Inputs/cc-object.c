/* Compiled by the system cc for read-cc-object.test. */
extern int imported(int);
int exported_data = 7;
static int internal(int x) { return imported(x) + exported_data; }
int exported(int x) { return internal(x) * 2; }
