// SPDX-License-Identifier: GPL-2.0
/*
 * Purgeable memory on the caller's own task: vm_allocate with
 * VM_FLAGS_PURGABLE and vm_purgable_control / mach_vm_purgable_control,
 * with XNU's states and codes (vm_map_purgable_control,
 * vm_object_purgable_control in osfmk/vm; mach_vm_purgable_control in
 * vm_user.c).  libmach keeps the states (libmach/src/vm_purgable.c,
 * Documentation/memory.rst).
 */
#include "harness.h"

#include <sys/mman.h>
#include <sys/wait.h>
#include <mach/mach.h>
#include <mach/mach_vm.h>
#include <mach/vm_map.h>

#define SIZE	(4 * 4096)

static mach_vm_address_t purgeable(void)
{
	mach_vm_address_t addr = 0;

	if (mach_vm_allocate(mach_task_self(), &addr, SIZE,
			     VM_FLAGS_ANYWHERE | VM_FLAGS_PURGABLE))
		return 0;
	memset((void *)(uintptr_t)addr, 'x', SIZE);
	return addr;
}

static int set_state(mach_vm_address_t addr, int *state)
{
	return mach_vm_purgable_control(mach_task_self(), addr, VM_PURGABLE_SET_STATE, state);
}

static int get_state(mach_vm_address_t addr)
{
	int state = -1;

	if (mach_vm_purgable_control(mach_task_self(), addr, VM_PURGABLE_GET_STATE, &state))
		return -1;
	return state;
}

/* vm_object_purgable_control: a new purgeable object is nonvolatile */
TEST(new_allocation_is_nonvolatile)
{
	mach_vm_address_t addr = purgeable();

	ASSERT_NE(0, addr);
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr));
	/* any address inside the allocation names the object */
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr + SIZE - 1));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* SET_STATE answers the old state; volatile memory keeps its contents */
TEST(volatile_returns_old_state_and_keeps_data)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, state);
	EXPECT_EQ(VM_PURGABLE_VOLATILE, get_state(addr));
	EXPECT_EQ('x', ((char *)(uintptr_t)addr)[SIZE - 1]);
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* EMPTY purges: the pages read back as zeros and are no longer resident */
TEST(empty_zeroes_and_releases_pages)
{
	mach_vm_address_t addr = purgeable();
	unsigned char vec[SIZE / 4096];
	int state = VM_PURGABLE_EMPTY;
	size_t i;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, state);
	EXPECT_EQ(VM_PURGABLE_EMPTY, get_state(addr));
	ASSERT_EQ(0, mincore((void *)(uintptr_t)addr, SIZE, vec));
	for (i = 0; i < sizeof(vec); i++)
		EXPECT_EQ(0, vec[i] & 1);
	for (i = 0; i < SIZE; i += 1024)
		EXPECT_EQ(0, ((char *)(uintptr_t)addr)[i]);
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/*
 * vm_object_purgable_control: asking an emptied object to be volatile
 * leaves it empty (and answers EMPTY); nonvolatile answers EMPTY too and
 * makes it nonvolatile (Apple's purgeable_empty_to_volatile).
 */
TEST(emptied_stays_empty_until_nonvolatile)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_EMPTY;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	state = VM_PURGABLE_VOLATILE;
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_EMPTY, state);
	EXPECT_EQ(VM_PURGABLE_EMPTY, get_state(addr));
	state = VM_PURGABLE_NONVOLATILE;
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_EMPTY, state);
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* DENY cannot be set on purgeable memory (Apple's purgable_deny) */
TEST(deny_is_invalid_argument)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_DENY;

	ASSERT_NE(0, addr);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* vm_map_purgable_control: bits outside VM_PURGABLE_ALL_MASKS */
TEST(unknown_state_bits_are_invalid_argument)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE | (1 << 20);

	ASSERT_NE(0, addr);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr));
	/* a volatile group and ordering bits are accepted */
	state = VM_PURGABLE_VOLATILE | VM_VOLATILE_GROUP_3 | VM_PURGABLE_BEHAVIOR_LIFO;
	EXPECT_EQ(KERN_SUCCESS, set_state(addr, &state));
	EXPECT_EQ(VM_PURGABLE_VOLATILE, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/*
 * vm_map_purgable_control: an unknown control, and mach_vm_purgable_control:
 * SET_STATE_FROM_KERNEL "not allowed from user-space"
 */
TEST(bad_control_is_invalid_argument)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE;

	ASSERT_NE(0, addr);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_purgable_control(mach_task_self(), addr, 7, &state));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_vm_purgable_control(mach_task_self(), addr,
					   VM_PURGABLE_SET_STATE_FROM_KERNEL, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* vm_map_purgable_control: a mapped object that is not purgeable */
TEST(plain_allocation_is_invalid_argument)
{
	mach_vm_address_t addr = 0;
	int state = VM_PURGABLE_VOLATILE;

	ASSERT_EQ(KERN_SUCCESS, mach_vm_allocate(mach_task_self(), &addr, SIZE,
						 VM_FLAGS_ANYWHERE));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_state(addr, &state));
	EXPECT_EQ(-1, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* vm_map_lookup_entry fails: KERN_INVALID_ADDRESS */
TEST(unmapped_address_is_invalid_address)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, mach_vm_deallocate(mach_task_self(), addr, SIZE));
	EXPECT_EQ(KERN_INVALID_ADDRESS, set_state(addr, &state));
}

/* the object goes with vm_deallocate: new memory there is not purgeable */
TEST(deallocated_purgeable_is_forgotten)
{
	mach_vm_address_t addr = purgeable(), again;
	int state = VM_PURGABLE_EMPTY;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, mach_vm_deallocate(mach_task_self(), addr, SIZE));
	again = addr;
	ASSERT_EQ(KERN_SUCCESS, mach_vm_allocate(mach_task_self(), &again, SIZE,
						 VM_FLAGS_FIXED));
	ASSERT_EQ(addr, again);
	((char *)(uintptr_t)again)[0] = 'y';
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_state(again, &state));
	EXPECT_EQ('y', ((char *)(uintptr_t)again)[0]);
	mach_vm_deallocate(mach_task_self(), again, SIZE);
}

/* the 32-bit vm_purgable_control shares the object's state */
TEST(vm_purgable_control_is_the_same_state)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, vm_purgable_control(mach_task_self(), (vm_address_t)addr,
						    VM_PURGABLE_SET_STATE, &state));
	EXPECT_EQ(VM_PURGABLE_NONVOLATILE, state);
	EXPECT_EQ(VM_PURGABLE_VOLATILE, get_state(addr));
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

/* a fork child's memory is a copy, its purgeable state with it */
TEST(fork_child_inherits_state)
{
	mach_vm_address_t addr = purgeable();
	int state = VM_PURGABLE_VOLATILE, status;
	pid_t pid;

	ASSERT_NE(0, addr);
	ASSERT_EQ(KERN_SUCCESS, set_state(addr, &state));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(get_state(addr) == VM_PURGABLE_VOLATILE ? 0 : 1);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	mach_vm_deallocate(mach_task_self(), addr, SIZE);
}

TEST_HARNESS_MAIN
