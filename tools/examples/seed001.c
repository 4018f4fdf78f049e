#include <servers/bootstrap.h>
#include <unistd.h>
#include <mach/mach_interface.h>
/*
extern mach_port_t bootstrap_port;
*/
int main()
{
pid_t pid;
mach_port_t subset_port, service;
/* create a subset_port */
bootstrap_subset(bootstrap_port, mach_task_self(), &subset_port);
/* set the task's bootstrap_port at kernel */
task_set_bootstrap_port(mach_task_self(), subset_port);
/* now the external variable `bootstrap_port' does not refer to the real bootstrap port registered
at kernel, it refers the original bootstrap port. Kernel routines does not know these external
variables.
*/
/*
Ref. fork_mach_init() in /libsyscall/mach/mach_init.c in XNU source
This routine called explicitly by _cthread_fork_child(), which calls mach_init_ports()
For new exectables(exec family), mach_init() (also in that file) is called by static images or by dyld.
*/
pid = fork();
/* At mach side, only task special ports are created(mach_task_self)/copyed(bootstrap, host...) */
if (pid == 0) {
bootstrap_check_in(bootstrap_port, "CHILD", &service);
/* Results in subset */
} else {
bootstrap_check_in(bootstrap_port, "PARENT", &service);
/* Results in the original set */
/* explicitly add one in subset */
bootstrap_check_in(subset_port, "PARENT-1", &service);
/*
explicitly set the external variable,
bootstrap_port = subset_port;
is also sufficient.
*/
task_get_bootstrap_port(mach_task_self(), &bootstrap_port);
bootstrap_check_in(bootstrap_port, "PARENT-2", &service);
/* now also subset */
/*
WANRING: The above code illustrate a port-right user reference leak
*/
}
pause();
}
