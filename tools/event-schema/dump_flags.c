#include <stdio.h>
#include <stdint.h>
#include "ppm_events_public.h"
#include "tabledecl.inc"
int main(){
#include "tabledump.inc"
}
