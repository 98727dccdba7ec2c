// Every rule, one per file in this folder.
#pragma once

#include "lint/rule.h"

namespace gpuscout {

void CheckMemoryFit(const LintContext&, std::vector<LintFinding>&);        // GS001
void CheckMemoryHeadroom(const LintContext&, std::vector<LintFinding>&);   // GS002
void CheckNetworkRdma(const LintContext&, std::vector<LintFinding>&);      // GS003
void CheckNetworkSriov(const LintContext&, std::vector<LintFinding>&);     // GS004
void CheckNetworkZones(const LintContext&, std::vector<LintFinding>&);     // GS005
void CheckCompatDriver(const LintContext&, std::vector<LintFinding>&);     // GS006
void CheckCompatCudaCc(const LintContext&, std::vector<LintFinding>&);     // GS007
void CheckCompatPrecision(const LintContext&, std::vector<LintFinding>&);  // GS021
void CheckServingSpotSpare(const LintContext&, std::vector<LintFinding>&);  // GS022
void CheckCostIdleCommitment(const LintContext&, std::vector<LintFinding>&);  // GS023
void CheckCompatOs(const LintContext&, std::vector<LintFinding>&);         // GS008
void CheckCompatCompiler(const LintContext&, std::vector<LintFinding>&);   // GS009
void CheckCostSpotCheckpoint(const LintContext&, std::vector<LintFinding>&);  // GS010
void CheckCostCommitment(const LintContext&, std::vector<LintFinding>&);   // GS011
void CheckCostRegion(const LintContext&, std::vector<LintFinding>&);       // GS012
void CheckCostNoPrice(const LintContext&, std::vector<LintFinding>&);      // GS013
void CheckFitTrainingGpu(const LintContext&, std::vector<LintFinding>&);   // GS014
void CheckFitRenderGpu(const LintContext&, std::vector<LintFinding>&);     // GS015
void CheckScaleCapacity(const LintContext&, std::vector<LintFinding>&);    // GS016
void CheckScaleCooldown(const LintContext&, std::vector<LintFinding>&);    // GS017
void CheckScaleSchedule(const LintContext&, std::vector<LintFinding>&);    // GS018
void CheckDataPipeline(const LintContext&, std::vector<LintFinding>&);     // GS019
void CheckScaleSlo(const LintContext&, std::vector<LintFinding>&);         // GS020

}  // namespace gpuscout
