/* SPDX-License-Identifier: Apache-2.0 */
/* Targets: "all", thread-group ids and cgroup v2 ids in the BPF maps. */
#define _GNU_SOURCE /* name_to_handle_at */
#include "internal.h"
#include "inspect.skel.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/vfs.h>

#define CGROUP2_SUPER_MAGIC 0x63677270

/* Recomputes the mode bits from the target counts and publishes them
 * (caller holds h->lock). */
static int publish_mode(struct inspect_probe *h, int all)
{
	uint32_t mode = all ? INSPECT_TARGET_ALL : 0;

	if (h->n_pid_targets)
		mode |= INSPECT_TARGET_PIDS;
	if (h->n_cgroup_targets)
		mode |= INSPECT_TARGET_CGROUPS;
	h->settings.target_mode = mode;
	return shim_push_settings(h);
}

static int map_error(int err)
{
	return err == -E2BIG || err == -ENOSPC ? INSPECT_PROBE_E_FULL
	       : err == -ENOENT              ? INSPECT_PROBE_E_NOT_FOUND
					     : INSPECT_PROBE_E_SYS;
}

int inspect_probe_set_target_all(inspect_probe *h, int enabled)
{
	int err;

	if (!h)
		return INSPECT_PROBE_E_INVAL;
	pthread_mutex_lock(&h->lock);
	err = publish_mode(h, enabled != 0);
	pthread_mutex_unlock(&h->lock);
	return err;
}

/* Invalidates the probe's per-CPU memo of tgid decisions (maps.bpf.h):
 * called after every change of target_tgids. */
static void targets_changed(struct inspect_probe *h)
{
	__atomic_fetch_add(&h->skel->bss->targets_gen, 1, __ATOMIC_SEQ_CST);
}

/* Adds or removes `key` in `map` and keeps `*count` and the mode bits in
 * step. Adding an existing key or removing a missing one changes nothing. */
static int update_target(struct inspect_probe *h, struct bpf_map *map, const void *key,
			 size_t key_size, uint32_t *count, int add)
{
	uint8_t one = 1, dummy;
	int present, err;

	pthread_mutex_lock(&h->lock);
	present = bpf_map__lookup_elem(map, key, key_size, &dummy, sizeof(dummy), 0) == 0;
	if (add && !present) {
		err = bpf_map__update_elem(map, key, key_size, &one, sizeof(one), BPF_NOEXIST);
		if (err) {
			pthread_mutex_unlock(&h->lock);
			return map_error(err);
		}
		(*count)++;
	} else if (!add && present) {
		bpf_map__delete_elem(map, key, key_size, 0);
		if (*count)
			(*count)--;
	}
	if (map == h->skel->maps.target_tgids)
		targets_changed(h);
	err = publish_mode(h, h->settings.target_mode & INSPECT_TARGET_ALL);
	pthread_mutex_unlock(&h->lock);
	return err;
}

int inspect_probe_add_target_pid(inspect_probe *h, uint32_t tgid)
{
	if (!h || tgid == 0)
		return INSPECT_PROBE_E_INVAL;
	return update_target(h, h->skel->maps.target_tgids, &tgid, sizeof(tgid), &h->n_pid_targets, 1);
}

int inspect_probe_remove_target_pid(inspect_probe *h, uint32_t tgid)
{
	if (!h)
		return INSPECT_PROBE_E_INVAL;
	return update_target(h, h->skel->maps.target_tgids, &tgid, sizeof(tgid), &h->n_pid_targets, 0);
}

int inspect_probe_add_target_cgroup_id(inspect_probe *h, uint64_t id)
{
	if (!h || id == 0)
		return INSPECT_PROBE_E_INVAL;
	return update_target(h, h->skel->maps.target_cgroups, &id, sizeof(id), &h->n_cgroup_targets, 1);
}

int inspect_probe_remove_target_cgroup_id(inspect_probe *h, uint64_t id)
{
	if (!h)
		return INSPECT_PROBE_E_INVAL;
	return update_target(h, h->skel->maps.target_cgroups, &id, sizeof(id), &h->n_cgroup_targets, 0);
}

/* The id the kernel reports for a cgroup v2 directory is its kernfs node
 * id, which name_to_handle_at() returns as the 8-byte file handle. */
int inspect_probe_cgroup_id_of_path(const char *path, uint64_t *out_id)
{
	struct {
		struct file_handle fh;
		uint64_t id;
	} h = { .fh.handle_bytes = sizeof(uint64_t) };
	struct statfs sf;
	int mount_id;

	if (!path || !out_id)
		return INSPECT_PROBE_E_INVAL;
	if (statfs(path, &sf))
		return errno == ENOENT ? INSPECT_PROBE_E_NOT_FOUND : INSPECT_PROBE_E_SYS;
	if (sf.f_type != CGROUP2_SUPER_MAGIC)
		return INSPECT_PROBE_E_INVAL;
	if (name_to_handle_at(AT_FDCWD, path, &h.fh, &mount_id, 0))
		return INSPECT_PROBE_E_SYS;
	*out_id = h.id;
	return INSPECT_PROBE_OK;
}

int inspect_probe_add_target_cgroup_path(inspect_probe *h, const char *path, uint64_t *out_id)
{
	uint64_t id;
	int err;

	if (!h)
		return INSPECT_PROBE_E_INVAL;
	err = inspect_probe_cgroup_id_of_path(path, &id);
	if (err)
		return err;
	if (out_id)
		*out_id = id;
	return inspect_probe_add_target_cgroup_id(h, id);
}

/* Deletes every key of a hash map. */
static void clear_map(struct bpf_map *map)
{
	uint64_t key; /* large enough for both key sizes */
	int fd = bpf_map__fd(map);

	while (bpf_map_get_next_key(fd, NULL, &key) == 0)
		if (bpf_map_delete_elem(fd, &key))
			break;
}

int inspect_probe_clear_targets(inspect_probe *h)
{
	int err;

	if (!h)
		return INSPECT_PROBE_E_INVAL;
	pthread_mutex_lock(&h->lock);
	clear_map(h->skel->maps.target_tgids);
	clear_map(h->skel->maps.target_cgroups);
	targets_changed(h);
	h->n_pid_targets = 0;
	h->n_cgroup_targets = 0;
	err = publish_mode(h, 0);
	pthread_mutex_unlock(&h->lock);
	return err;
}
