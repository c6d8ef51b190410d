#include <stdio.h>
#include <stdint.h>
#include "ppm_events_public.h"
extern const struct ppm_event_info g_event_info[PPM_EVENT_MAX];
static const char* flagname(const struct ppm_name_value* p);
#define T(x) extern const struct ppm_name_value x[];
int main(){
  for(int i=0;i<PPM_EVENT_MAX;i++){
    const struct ppm_event_info* e=&g_event_info[i];
    printf("%d\t%s\t%d\t%d", i, e->name, (int)e->category, (int)e->flags);
    for(int j=0;j<e->nparams;j++){
      const struct ppm_param_info* p=&e->params[j];
      if(p->type==PT_FSRELPATH) printf("\t%s:%d:%d:dirfd=%ld", p->name, (int)p->type, (int)p->fmt, (long)p->info); else printf("\t%s:%d:%d:%s", p->name, (int)p->type, (int)p->fmt, flagname(p->info));
    }
    printf("\n");
  }
}
#include "flagnames.inc"
