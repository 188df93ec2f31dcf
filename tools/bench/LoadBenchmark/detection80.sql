--=============================================================================
--
-- detection80.sql
--
-- The table tools/bench-load loads: schema-sql/ProgrammeTemplate.sql's
-- {prog}Detection for a programme with table prefix "bench", cut to 80
-- columns (the four aperture-7 columns aperFlux7, aperFlux7Err, aperMag7 and
-- aperMag7Err left out) and without the foreign key to MultiframeDetector
-- (the benchmark has no frames). Types, defaults and the primary key are the
-- template's: 3 bigint, 3 tinyint, 1 smallint, 4 int, 7 float, 62 real.
--
--=============================================================================

CREATE TABLE benchDetection(
-------------------------------------------------------------------------------
--/H Contains the individual detections of the programme's detector frames.
--
--/T One row per detection in the CASU (imcore) source catalogue of each
--/T detector frame of the programme: CU4 reads the binary-table extension
--/T of the frame's catalogue and fills the columns with an F tag from the
--/T catalogue columns they name. Calibrated quantities are computed from the
--/T detector frame's calibration in MultiframeDetector and Multiframe:
--/T mag = photZPCat - 2.5 log10(flux / expTime) - aperCorN (aperture
--/T magnitudes only) - extinctionCat * ((amStart + amEnd) / 2 - 1), and
--/T magErr = 1.0857 fluxErr / flux. Positions are in degrees (J2000).
--/T
--/T Required constraints: primary key is (multiframeID, extNum, seqNum)
-------------------------------------------------------------------------------
multiframeID bigint not null,                     --/D the multiframe the detection was measured on --/C ID_FRAME
extNum       tinyint not null,                    --/D the extension number of the detector frame the detection was measured on --/C NUMBER
seqNum       int not null,                        --/D the running number of the detection in its catalogue extension --/C ID_NUMBER --/F Sequence_number
cuEventID    int not null default -99999999,      --/D the curation event (CU4) that ingested the detection --/C REFER_CODE
objID        bigint not null default -99999999,   --/D the unique identifier of the detection over the whole archive, formed from multiframeID, extNum and seqNum --/C ID_MAIN --/Q multiframeID,extNum,seqNum --/N -99999999
filterID     tinyint not null default 0,          --/D the filter of the detector frame --/C INST_FILTER_CODE --/Q MultiframeDetector.filterID --/N 0
x            real not null default -0.9999995e9,  --/D the X co-ordinate of the detection on the detector frame (intensity-weighted centroid) --/U pixels --/C POS_CCD_X --/F X_coordinate --/N -0.9999995e9
xErr         real not null default -0.9999995e9,  --/D the error of x --/U pixels --/C ERROR --/F X_coordinate_err --/N -0.9999995e9
y            real not null default -0.9999995e9,  --/D the Y co-ordinate of the detection on the detector frame --/U pixels --/C POS_CCD_Y --/F Y_coordinate --/N -0.9999995e9
yErr         real not null default -0.9999995e9,  --/D the error of y --/U pixels --/C ERROR --/F Y_coordinate_err --/N -0.9999995e9
ra           float not null default -0.9999995e9, --/D the right ascension (J2000) of the detection; the catalogue gives radians (TUNIT Radians), converted to degrees by CU4 --/U degrees --/C POS_EQ_RA_MAIN --/F RA --/N -0.9999995e9
dec          float not null default -0.9999995e9, --/D the declination (J2000) of the detection; the catalogue gives radians, converted to degrees by CU4 --/U degrees --/C POS_EQ_DEC_MAIN --/F DEC --/N -0.9999995e9
cx           float not null default -0.9999995e9, --/D the Cartesian x of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_X --/Q ra,dec --/N -0.9999995e9
cy           float not null default -0.9999995e9, --/D the Cartesian y of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Y --/Q ra,dec --/N -0.9999995e9
cz           float not null default -0.9999995e9, --/D the Cartesian z of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Z --/Q ra,dec --/N -0.9999995e9
htmID        bigint not null default -99999999,   --/D the Hierarchical Triangular Mesh (HTM) index, 20 deep, of the position --/C POS_GENERAL --/Q ra,dec --/L 20 --/N -99999999
l            float not null default -0.9999995e9, --/D the Galactic longitude of the detection --/U degrees --/C POS_GAL_LON --/Q ra,dec --/N -0.9999995e9
b            float not null default -0.9999995e9, --/D the Galactic latitude of the detection --/U degrees --/C POS_GAL_LAT --/Q ra,dec --/N -0.9999995e9
gausSig      real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted to the detection's light distribution --/U pixels --/C EXTENSION_RAD --/F Gaussian_sigma --/N -0.9999995e9
ell          real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) of the fitted ellipse --/C PHYS_ELLIPTICITY --/F Ellipticity --/N -0.9999995e9
pa           real not null default -0.9999995e9,  --/D the position angle of the major axis of the fitted ellipse, with respect to the X axis --/U degrees --/C POS_POS-ANG --/F Position_angle --/N -0.9999995e9
areal1       real not null default -0.9999995e9,  --/D the number of pixels above the isophotal threshold (areal profile 1) --/U pixels --/C EXTENSION_AREA --/F Areal_1_profile --/N -0.9999995e9
areal2       real not null default -0.9999995e9,  --/D the number of pixels above 2 x the threshold (areal profile 2) --/U pixels --/C EXTENSION_AREA --/F Areal_2_profile --/N -0.9999995e9
areal3       real not null default -0.9999995e9,  --/D the number of pixels above 4 x the threshold (areal profile 3) --/U pixels --/C EXTENSION_AREA --/F Areal_3_profile --/N -0.9999995e9
areal4       real not null default -0.9999995e9,  --/D the number of pixels above 8 x the threshold (areal profile 4) --/U pixels --/C EXTENSION_AREA --/F Areal_4_profile --/N -0.9999995e9
areal5       real not null default -0.9999995e9,  --/D the number of pixels above 16 x the threshold (areal profile 5) --/U pixels --/C EXTENSION_AREA --/F Areal_5_profile --/N -0.9999995e9
areal6       real not null default -0.9999995e9,  --/D the number of pixels above 32 x the threshold (areal profile 6) --/U pixels --/C EXTENSION_AREA --/F Areal_6_profile --/N -0.9999995e9
areal7       real not null default -0.9999995e9,  --/D the number of pixels above 64 x the threshold (areal profile 7) --/U pixels --/C EXTENSION_AREA --/F Areal_7_profile --/N -0.9999995e9
areal8       real not null default -0.9999995e9,  --/D the number of pixels above 128 x the threshold (areal profile 8) --/U pixels --/C EXTENSION_AREA --/F Areal_8_profile --/N -0.9999995e9
isoFlux      real not null default -0.9999995e9,  --/D the flux within the detection isophote --/U ADU --/C PHOT_INTENSITY_ADU --/F Isophotal_flux --/N -0.9999995e9
isoMag       real not null default -0.9999995e9,  --/D the calibrated isophotal magnitude --/U mag --/C PHOT_MAG --/Q isoFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
pHeight      real not null default -0.9999995e9,  --/D the peak height of the detection above the sky --/U ADU --/C PHOT_INTENSITY_ADU --/F Peak_height --/N -0.9999995e9
pHeightErr   real not null default -0.9999995e9,  --/D the error of pHeight --/U ADU --/C ERROR --/F Peak_height_err --/N -0.9999995e9
aperFlux1    real not null default -0.9999995e9,  --/D the flux within circular aperture 1 (radius 1/2 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_1 --/N -0.9999995e9
aperFlux1Err real not null default -0.9999995e9,  --/D the error of aperFlux1 --/U ADU --/C ERROR --/F Aper_flux_1_err --/N -0.9999995e9
aperFlux2    real not null default -0.9999995e9,  --/D the flux within circular aperture 2 (radius 1/sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_2 --/N -0.9999995e9
aperFlux2Err real not null default -0.9999995e9,  --/D the error of aperFlux2 --/U ADU --/C ERROR --/F Aper_flux_2_err --/N -0.9999995e9
aperFlux3    real not null default -0.9999995e9,  --/D the flux within circular aperture 3 (radius 1 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_3 --/N -0.9999995e9
aperFlux3Err real not null default -0.9999995e9,  --/D the error of aperFlux3 --/U ADU --/C ERROR --/F Aper_flux_3_err --/N -0.9999995e9
aperFlux4    real not null default -0.9999995e9,  --/D the flux within circular aperture 4 (radius sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_4 --/N -0.9999995e9
aperFlux4Err real not null default -0.9999995e9,  --/D the error of aperFlux4 --/U ADU --/C ERROR --/F Aper_flux_4_err --/N -0.9999995e9
aperFlux5    real not null default -0.9999995e9,  --/D the flux within circular aperture 5 (radius 2 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_5 --/N -0.9999995e9
aperFlux5Err real not null default -0.9999995e9,  --/D the error of aperFlux5 --/U ADU --/C ERROR --/F Aper_flux_5_err --/N -0.9999995e9
aperFlux6    real not null default -0.9999995e9,  --/D the flux within circular aperture 6 (radius 2*sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_6 --/N -0.9999995e9
aperFlux6Err real not null default -0.9999995e9,  --/D the error of aperFlux6 --/U ADU --/C ERROR --/F Aper_flux_6_err --/N -0.9999995e9
aperMag1     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 1, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux1,MultiframeDetector.aperCor1,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag1Err  real not null default -0.9999995e9,  --/D the error of aperMag1 --/U mag --/C ERROR --/Q aperFlux1,aperFlux1Err --/N -0.9999995e9
aperMag2     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 2, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux2,MultiframeDetector.aperCor2,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag2Err  real not null default -0.9999995e9,  --/D the error of aperMag2 --/U mag --/C ERROR --/Q aperFlux2,aperFlux2Err --/N -0.9999995e9
aperMag3     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 3, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux3,MultiframeDetector.aperCor3,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag3Err  real not null default -0.9999995e9,  --/D the error of aperMag3 --/U mag --/C ERROR --/Q aperFlux3,aperFlux3Err --/N -0.9999995e9
aperMag4     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 4, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux4,MultiframeDetector.aperCor4,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag4Err  real not null default -0.9999995e9,  --/D the error of aperMag4 --/U mag --/C ERROR --/Q aperFlux4,aperFlux4Err --/N -0.9999995e9
aperMag5     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 5, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux5,MultiframeDetector.aperCor5,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag5Err  real not null default -0.9999995e9,  --/D the error of aperMag5 --/U mag --/C ERROR --/Q aperFlux5,aperFlux5Err --/N -0.9999995e9
aperMag6     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 6, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux6,MultiframeDetector.aperCor6,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag6Err  real not null default -0.9999995e9,  --/D the error of aperMag6 --/U mag --/C ERROR --/Q aperFlux6,aperFlux6Err --/N -0.9999995e9
petroRad     real not null default -0.9999995e9,  --/D the Petrosian radius --/U pixels --/C EXTENSION_RAD --/F Petr_radius --/N -0.9999995e9
kronRad      real not null default -0.9999995e9,  --/D the Kron radius --/U pixels --/C EXTENSION_RAD --/F Kron_radius --/N -0.9999995e9
hlRad        real not null default -0.9999995e9,  --/D the half-light radius --/U pixels --/C EXTENSION_RAD --/F Half_radius --/N -0.9999995e9
petroFlux    real not null default -0.9999995e9,  --/D the flux within the Petrosian aperture (2 x petroRad) --/U ADU --/C PHOT_INTENSITY_ADU --/F Petr_flux --/N -0.9999995e9
petroFluxErr real not null default -0.9999995e9,  --/D the error of petroFlux --/U ADU --/C ERROR --/F Petr_flux_err --/N -0.9999995e9
kronFlux     real not null default -0.9999995e9,  --/D the flux within the Kron aperture (2 x kronRad) --/U ADU --/C PHOT_INTENSITY_ADU --/F Kron_flux --/N -0.9999995e9
kronFluxErr  real not null default -0.9999995e9,  --/D the error of kronFlux --/U ADU --/C ERROR --/F Kron_flux_err --/N -0.9999995e9
hlFlux       real not null default -0.9999995e9,  --/D the flux within the half-light radius --/U ADU --/C PHOT_INTENSITY_ADU --/F Half_flux --/N -0.9999995e9
hlFluxErr    real not null default -0.9999995e9,  --/D the error of hlFlux --/U ADU --/C ERROR --/F Half_flux_err --/N -0.9999995e9
petroMag     real not null default -0.9999995e9,  --/D the calibrated Petrosian magnitude --/U mag --/C PHOT_MAG --/Q petroFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
petroMagErr  real not null default -0.9999995e9,  --/D the error of petroMag --/U mag --/C ERROR --/Q petroFlux,petroFluxErr --/N -0.9999995e9
kronMag      real not null default -0.9999995e9,  --/D the calibrated Kron magnitude --/U mag --/C PHOT_MAG --/Q kronFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
kronMagErr   real not null default -0.9999995e9,  --/D the error of kronMag --/U mag --/C ERROR --/Q kronFlux,kronFluxErr --/N -0.9999995e9
hlMag        real not null default -0.9999995e9,  --/D the calibrated magnitude within the half-light radius --/U mag --/C PHOT_MAG --/Q hlFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
hlMagErr     real not null default -0.9999995e9,  --/D the error of hlMag --/U mag --/C ERROR --/Q hlFlux,hlFluxErr --/N -0.9999995e9
errBits      int not null default -99999999,      --/D the pipeline's error flag of the detection: the number of bad pixels within its aperture (0 for a clean detection) --/C CODE_ERROR --/F Error_bit_flag --/N -99999999
sky          real not null default -0.9999995e9,  --/D the local sky level at the detection --/U ADU --/C PHOT_SB_SKY --/F Sky_level --/N -0.9999995e9
skyRms       real not null default -0.9999995e9,  --/D the rms of the local sky --/U ADU --/C PHOT_SB_SKY --/F Sky_rms --/N -0.9999995e9
avConf       real not null default -0.9999995e9,  --/D the average confidence (from the confidence map) within the default aperture; 100 is nominal --/C CODE_QUALITY --/F Av_conf --/N -0.9999995e9
class        smallint not null default -9999,     --/D the morphological classification: 1 galaxy, 0 noise, -1 stellar, -2 probable star, -3 probable galaxy, -9 saturated --/C CLASS_OBJECT --/F Classification --/N -9999
classStat    real not null default -0.9999995e9,  --/D the stellarness statistic: the number of sigma the detection's curve of growth lies from that of a point source (0 for a star) --/C STAT_PROP --/F Statistic --/N -0.9999995e9
ppErrBits    int not null default 0,              --/D post-processing error bits set by curation tasks after ingest (0 = none) --/C CODE_QUALITY
deprecated   tinyint not null default 0,          --/D deprecation flag: 0 for a detection in use; non-zero if its frame was deprecated --/C CODE_MISC
CONSTRAINT pk_benchDetection PRIMARY KEY (multiframeID, extNum, seqNum)
)
