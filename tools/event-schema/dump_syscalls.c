#include <stdio.h>
#include "../common/types.h"
#include "../../driver/ppm_events_public.h"
#include "scap.h"
extern const struct ppm_syscall_desc g_syscall_info_table[PPM_SC_MAX];
int main(){ for(int i=0;i<PPM_SC_MAX;i++) printf("%d\t%s\t%d\t%d\n", i, g_syscall_info_table[i].name?g_syscall_info_table[i].name:"", (int)g_syscall_info_table[i].category, (int)g_syscall_info_table[i].flags); }
